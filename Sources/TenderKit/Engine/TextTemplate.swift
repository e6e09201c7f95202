import Foundation

/// Renders `{{ expr }}` tags inside a plain string (file names such as `CV {{ person.name }}.docx`).
enum TextTemplate {
    static func render(_ text: String, _ context: Value, location: SourceLocation? = nil) throws -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        let evaluator = Evaluator(globals: context)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw TenderError.error(EngineMessage.unclosedBraces(in: text).text, at: location)
            }
            let source = String(rest[open.upperBound..<close.lowerBound])
            do {
                out += try evaluator.eval(try Parser.expression(source)).renderedText
            } catch let e as SyntaxError {
                throw TenderError.error(EngineMessage.syntaxErrorIn(text, e.message).text, at: location)
            } catch let e as EvalError {
                throw TenderError.error(EngineMessage.errorIn(text, e.message).text, at: location, hint: e.hint)
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
