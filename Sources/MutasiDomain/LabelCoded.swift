/// A closed set of values that users write by label (grade `III/a`, PPPK grade `IX`, SKP
/// predicate `Sangat Baik`): prints, encodes and decodes as the label; decoding validates,
/// naming the coding key as the field.
///
/// An enum with a raw value gets the standard library's raw-value coding in preference to these
/// defaults; it implements `init(from:)` and `encode(to:)` with `init(labelFrom:)` and `encodeLabel(to:)`.
public protocol LabelCoded: Codable, CustomStringConvertible {
    /// The label users read and write.
    var label: String { get }
    /// Parses a label; errors name `field`.
    init(parsing raw: String, field: String) throws
}

extension LabelCoded {
    public var description: String { label }

    public init(from decoder: any Decoder) throws {
        try self.init(labelFrom: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try encodeLabel(to: encoder)
    }

    /// Decodes from the label.
    public init(labelFrom decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: raw, field: decoder.codingPath.last?.stringValue ?? "")
    }

    /// Encodes as the label.
    public func encodeLabel(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(label)
    }
}
