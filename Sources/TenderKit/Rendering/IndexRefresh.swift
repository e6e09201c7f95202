import Foundation

/// LibreOffice does not refresh a table of contents when it converts a document: the PDF
/// would show the template's entries. For documents that hold one, tender converts through
/// a small Basic macro, installed in the private profile of the conversion, that loads each
/// document hidden, updates its indexes (twice: the second pass sees the pages the first
/// one's entries take) and exports the PDF. A workbook goes through it too when its rows must
/// fit their contents: LibreOffice keeps the heights an XLSX gives them when it converts it, so
/// the macro has it compute the height of every row of the used area that is to fit its
/// contents (not those of a fixed height, such as a merged title's).
enum IndexRefresh {
    /// The macro library; with `exportNotes`, comments become PDF annotations (drafts).
    static func module(exportNotes: Bool) -> String { """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
        <script:module xmlns:script="http://openoffice.org/2000/script" script:name="Tender" script:language="StarBasic">
        Sub ExportPDF(list As String)
          Dim files As Variant
          files = Split(list, &quot;|&quot;)
          Dim load(0) As New com.sun.star.beans.PropertyValue
          load(0).Name = &quot;Hidden&quot;
          load(0).Value = True
          Dim filterData(0) As New com.sun.star.beans.PropertyValue
          filterData(0).Name = &quot;ExportNotes&quot;
          filterData(0).Value = \(exportNotes ? "True" : "False")
          Dim export(1) As New com.sun.star.beans.PropertyValue
          export(0).Name = &quot;FilterName&quot;
          export(1).Name = &quot;FilterData&quot;
          export(1).Value = filterData()
          For k = 0 To UBound(files) - 1 Step 2
            doc = StarDesktop.loadComponentFromURL(files(k), &quot;_blank&quot;, 0, load())
            If doc.supportsService(&quot;com.sun.star.sheet.SpreadsheetDocument&quot;) Then
              For s = 0 To doc.Sheets.getCount() - 1
                sheet = doc.Sheets.getByIndex(s)
                cursor = sheet.createCursor()
                cursor.gotoEndOfUsedArea(False)
                For r = 0 To cursor.getRangeAddress().EndRow
                  row = sheet.getRows().getByIndex(r)
                  If row.OptimalHeight Then row.OptimalHeight = True
                Next
              Next
              export(0).Value = &quot;calc_pdf_Export&quot;
            Else
              For pass = 1 To 2
                indexes = doc.getDocumentIndexes()
                For i = 0 To indexes.getCount() - 1
                  indexes.getByIndex(i).update()
                Next
              Next
              export(0).Value = &quot;writer_pdf_Export&quot;
            End If
            doc.storeToURL(files(k + 1), export())
            doc.close(True)
          Next
        End Sub
        </script:module>
        """
    }

    /// A file URL with every byte outside a safe ASCII set percent-encoded (no quote, comma
    /// or bar can reach the macro call).
    static func url(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var out = "file://"
        for b in absolute.utf8 {
            let c = Character(UnicodeScalar(b))
            if b < 0x80, c.isLetter || c.isNumber || "/-_.~".contains(c) { out.append(c) }
            else { out += String(format: "%%%02X", b) }
        }
        return out
    }

    /// Converts `documents` to the PDFs `outputs` through the macro, with the profile `profile`.
    static func convert(_ documents: [String], to outputs: [String], soffice: String, profile: URL, exportNotes: Bool, extra: [String],
                        environment: [String: String], timeout: Int) throws -> ExternalTool.Result {
        let installation = "-env:UserInstallation=\(profile.absoluteString)"
        let basic = profile.appendingPathComponent("user/basic/Standard")
        let index = basic.appendingPathComponent("script.xlb")
        // A first start creates the profile, unless a conversion just before did (a start of
        // LibreOffice is a second or two); the macro library is then added to it.
        if !FileManager.default.fileExists(atPath: index.path) {
            _ = try ExternalTool.run(soffice, [installation] + extra + ["--headless", "--norestore", "--terminate_after_init"], timeout: timeout,
                                     environment: environment)
        }
        guard var library = try? String(contentsOf: index, encoding: .utf8), let end = library.range(of: "</library:library>") else {
            throw TenderError.error(ToolMessage.noProfile.text,
                                    hint: ToolMessage.noProfileHint.text, status: .unavailable)
        }
        if !library.contains("library:name=\"Tender\"") {
            library.insert(contentsOf: " <library:element library:name=\"Tender\"/>\n", at: end.lowerBound)
            try library.write(to: index, atomically: true, encoding: .utf8)
        }
        try module(exportNotes: exportNotes).write(to: basic.appendingPathComponent("Tender.xba"), atomically: true, encoding: .utf8)
        let list = zip(documents, outputs).map { url($0) + "|" + url($1) }.joined(separator: "|")
        return try ExternalTool.run(soffice, [installation] + extra + ["--headless", "--norestore", "macro:///Standard.Tender.ExportPDF(\"\(list)\")"],
                                    timeout: timeout, environment: environment)
    }
}
