import Foundation

/// LibreOffice does not refresh a table of contents when it converts a document: the PDF
/// would show the template's entries. For documents that hold one, tender converts through
/// a small Basic macro, installed in the private profile of the conversion, that loads each
/// document hidden, updates its indexes (twice: the second pass sees the pages the first
/// one's entries take) and exports the PDF. A workbook goes through it too when its rows must
/// fit their contents: LibreOffice keeps the heights an XLSX gives them when it converts it, so
/// the macro has it compute the height of every row of the used area that is to fit its
/// contents (not those of a fixed height, such as a merged title's). The same macro exports a
/// workbook's sheets as CSV from the document it has loaded, when asked.
///
/// When the macro is needed, every document of the call goes through it: LibreOffice starts
/// once (a start is a second or two), in a profile tender writes before that start, the macro
/// library included, and marks as set up so that LibreOffice does not replace it with its own.
enum IndexRefresh {
    /// The macro library. With `exportNotes`, comments become PDF annotations (drafts), and
    /// indexes are left as they are: LibreOffice (7.4) aborts when it updates an index of a
    /// document that holds comments.
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
          Dim csv(1) As New com.sun.star.beans.PropertyValue
          csv(0).Name = &quot;FilterName&quot;
          csv(0).Value = &quot;Text - txt - csv (StarCalc)&quot;
          csv(1).Name = &quot;FilterOptions&quot;
          csv(1).Value = &quot;\(LibreOffice.csvOptions)&quot;
          For k = 0 To UBound(files) - 2 Step 3
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
              For pass = 1 To \(exportNotes ? 0 : 2)
                indexes = doc.getDocumentIndexes()
                For i = 0 To indexes.getCount() - 1
                  indexes.getByIndex(i).update()
                Next
              Next
              export(0).Value = &quot;writer_pdf_Export&quot;
            End If
            doc.storeToURL(files(k + 1), export())
            If files(k + 2) &lt;&gt; &quot;-&quot; Then doc.storeToURL(files(k + 2), csv())
            doc.close(True)
          Next
        End Sub
        </script:module>
        """
    }

    /// The files of a profile LibreOffice takes as set up, holding the macro library: the
    /// registry says the set-up is complete (else the first start replaces the Basic folder
    /// with the installation's presets), and the Basic containers list the library `Standard`
    /// with its one module `Tender`.
    static func profileFiles(exportNotes: Bool) -> [(path: String, text: String)] {
        let prologue = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        // The script and the dialog containers say the same: one library, `Standard`.
        let containers = prologue + #"<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">"# + "\n"
            + #"<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">"# + "\n"
            + #" <library:library library:name="Standard" library:link="false"/>"# + "\n</library:libraries>\n"
        let library = { (element: String) in
            prologue + #"<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">"# + "\n"
                + #"<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">"#
                + "\n" + element + "</library:library>\n"
        }
        return [
            ("user/registrymodifications.xcu", prologue
                + #"<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"# + "\n"
                + #"<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>"# + "\n"
                + "</oor:items>\n"),
            ("user/basic/script.xlc", containers),
            ("user/basic/dialog.xlc", containers),
            ("user/basic/Standard/script.xlb", library(#" <library:element library:name="Tender"/>"# + "\n")),
            ("user/basic/Standard/dialog.xlb", library("")),
            ("user/basic/Standard/Tender.xba", module(exportNotes: exportNotes)),
        ]
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

    /// Converts `documents` to the PDFs `outputs` through the macro, in one start of LibreOffice
    /// with the new profile `profile`; a workbook with a CSV path in `sheets` also has its sheets
    /// exported there (`NAME.csv` gives `NAME-SHEET.csv`, one per sheet).
    static func convert(_ documents: [String], to outputs: [String], sheets: [String?], soffice: String, profile: URL, exportNotes: Bool,
                        extra: [String], environment: [String: String], timeout: Int) throws -> ExternalTool.Result {
        do {
            for file in profileFiles(exportNotes: exportNotes) {
                let url = profile.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            }
        } catch {
            throw TenderError.error(ToolMessage.noProfile(SystemError.describe(error)).text, hint: ToolMessage.noProfileHint.text, status: .cannotCreate)
        }
        let list = documents.indices.map { i in url(documents[i]) + "|" + url(outputs[i]) + "|" + (sheets[i].map(url) ?? "-") }
        return try ExternalTool.run(soffice, ["-env:UserInstallation=\(profile.absoluteString)"] + extra
                                        + ["--headless", "--norestore", "macro:///Standard.Tender.ExportPDF(\"\(list.joined(separator: "|"))\")"],
                                    timeout: timeout, environment: environment)
    }
}
