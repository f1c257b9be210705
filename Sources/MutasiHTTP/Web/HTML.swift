/// A piece of HTML. Built by string interpolation in which every interpolated value is escaped,
/// unless it is itself `HTML`: markup can only come from literals in the code, never from data.
public struct HTML: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public private(set) var text: String

    public init(stringLiteral value: String) { text = value }
    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }
    private init(raw: String) { text = raw }

    public var description: String { text }
    public static let empty = HTML(raw: "")

    /// Pieces joined without a separator.
    public init<S: Sequence>(joining pieces: S) where S.Element == HTML {
        text = pieces.map(\.text).joined()
    }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""
        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { text += literal }
        /// Text: escaped.
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }
        public mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) { text += HTML.escape(value.description) }
        /// Markup built the same way: kept as it is.
        public mutating func appendInterpolation(_ html: HTML) { text += html.text }
        public mutating func appendInterpolation(_ pieces: [HTML]) { text += pieces.map(\.text).joined() }
    }

    /// Escapes the five characters that matter in text and in quoted attribute values.
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for c in value.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
