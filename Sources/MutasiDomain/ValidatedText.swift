/// A value whose canonical form is text and that exists only once that text is validated:
/// NIP, NI PPPK, region code. It prints, sorts, encodes and decodes as that text; decoding
/// validates, naming the coding key as the field.
public protocol ValidatedText: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The canonical text.
    var text: String { get }
    /// Validates `raw`; errors name `field`.
    init(_ raw: String, field: String) throws
}

extension ValidatedText {
    public var description: String { text }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.text < rhs.text }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        try self.init(raw, field: decoder.codingPath.last?.stringValue ?? "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
