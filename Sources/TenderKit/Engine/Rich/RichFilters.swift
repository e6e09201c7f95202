import Foundation

/// `markdown`, `image` and `typo`: values that carry structure, pictures or their own
/// typography setting. One documented function each, and `table`, which names them.
extension RichFilters {
    static let table: [(name: String, function: FilterFunction)] = [
        ("markdown", markdown), ("typo", typo), ("image", image),
    ]

    /// `markdown`: the text read as Markdown (paragraphs, lists, tables, emphasis, links), `typo` to set its typography.
    @Sendable static func markdown(_ input: Value, _ arguments: FilterArguments) throws -> Value {
        guard let text = RichFilters.text(input, "markdown") else { return .string("") }
        var rich = Markdown.parse(text)
        rich.typography = try RichFilters.typography(arguments, "markdown")
        return .rich(rich)
    }

    /// `typo`: the value with French typography on (`typo(false)`: off) whatever the document's language.
    @Sendable static func typo(_ input: Value, _ arguments: FilterArguments) throws -> Value {
        let on = try RichFilters.flag(arguments.value(0, "typo"), "typo") ?? true
        if case .rich(var rich) = input { rich.typography = on; return .rich(rich) }
        guard !input.isNull else { return .string("") }
        return .rich(RichText(blocks: [.paragraph([RichRun(text: input.renderedText)])], typography: on))
    }

    /// `image`: a PNG or JPEG file as an inline picture, `width`/`height` as lengths (`4cm`, `35mm`, `1.5in`).
    @Sendable static func image(_ input: Value, _ arguments: FilterArguments) throws -> Value {
        guard let path = RichFilters.text(input, "image"), !path.isEmpty else {
            throw FilterError(EngineMessage.imageExpects(input).text,
                              hint: EngineMessage.imageExpectsHint.text)
        }
        let width = try RichFilters.length(arguments.named["width"] ?? arguments.positional.first, "width")
        let height = try RichFilters.length(arguments.named["height"], "height")
        let image = try ImageFile.read(path, width: width, height: height)
        return .rich(RichText(blocks: [.paragraph([RichRun(text: "", image: image)])], typography: false))
    }
}

enum RichFilters {
    static func text(_ input: Value, _ filter: String) -> String? {
        switch input {
        case .null: return nil
        case .string(let s): return s
        default: return input.renderedText
        }
    }

    static func flag(_ value: Value?, _ name: String) throws -> Bool? {
        guard let value, !value.isNull else { return nil }
        guard case .bool(let b) = value else {
            throw FilterError(EngineMessage.flagExpects(name, value).text, hint: EngineMessage.flagExample.text)
        }
        return b
    }

    static func typography(_ arguments: FilterArguments, _ filter: String) throws -> Bool? {
        try flag(arguments.named["typo"], "typo")
    }

    /// A length such as "4cm", "35mm" or "1.5in", in hundredths of a millimetre.
    static func length(_ value: Value?, _ name: String) throws -> Int? {
        guard let value, !value.isNull else { return nil }
        let text = value.renderedText.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Decimal)] = [("cm", 1000), ("mm", 100), ("in", 2540)]
        for (unit, factor) in units where text.hasSuffix(unit) {
            if let n = Decimal(exactly: String(text.dropLast(unit.count)).replacingOccurrences(of: ",", with: ".")), n > 0, n * factor <= 100_000 {
                return NSDecimalNumber(decimal: (n * factor).roundedHalfUp(0)).intValue
            }
        }
        throw FilterError(EngineMessage.imageLength(name, text).text,
                          hint: EngineMessage.imageLengthHint.text)
    }
}

/// Reads a PNG or JPEG file and its size in pixels. Only the header is interpreted: the
/// bytes are embedded as they are.
enum ImageFile {
    /// Larger files are refused: a document is sent by e-mail or uploaded to a platform.
    static let maxBytes = 10 << 20

    static func read(_ path: String, width: Int?, height: Int?) throws -> EmbeddedImage {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = attributes?[.size] as? Int else {
            throw FilterError(EngineMessage.imageMissing(path).text,
                              hint: EngineMessage.imageMissingHint.text)
        }
        guard size <= maxBytes else {
            throw FilterError(EngineMessage.imageTooLarge(path, mebibytes: size >> 20, max: maxBytes >> 20).text,
                              hint: EngineMessage.imageTooLargeHint.text)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FilterError(EngineMessage.imageUnreadable(path).text, hint: EngineMessage.checkPermissions.text)
        }
        let bytes = [UInt8](data)
        guard let (kind, pw, ph) = header(bytes), pw > 0, ph > 0 else {
            throw FilterError(EngineMessage.notAnImage(path).text,
                              hint: EngineMessage.notAnImageHint.text)
        }
        // The shown size: the one given, the other side keeping the proportions; by default
        // the size at 96 pixels per inch, at most 17 cm wide.
        var w: Int, h: Int
        switch (width, height) {
        case let (w0?, h0?): w = w0; h = h0
        case let (w0?, nil): w = w0; h = Int((Double(w0) * Double(ph) / Double(pw)).rounded())
        case let (nil, h0?): h = h0; w = Int((Double(h0) * Double(pw) / Double(ph)).rounded())
        case (nil, nil):
            w = Int((Double(pw) * 2540 / 96).rounded()); h = Int((Double(ph) * 2540 / 96).rounded())
            if w > 17_000 { h = Int((Double(h) * 17_000 / Double(w)).rounded()); w = 17_000 }
        }
        return EmbeddedImage(kind: kind, data: bytes, pixelWidth: pw, pixelHeight: ph, width: w, height: h, file: path)
    }

    static func header(_ b: [UInt8]) -> (EmbeddedImage.Kind, Int, Int)? {
        func be(_ i: Int, _ n: Int) -> Int { (0..<n).reduce(0) { $0 << 8 | Int(b[i + $1]) } }
        if b.count >= 24, b[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
           b[12..<16].elementsEqual(Array("IHDR".utf8)) {
            return (.png, be(16, 4), be(20, 4))
        }
        guard b.count > 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = be(i + 2, 2)
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return (.jpeg, be(i + 7, 2), be(i + 5, 2))
            }
            i += 2 + length
        }
        return nil
    }
}
