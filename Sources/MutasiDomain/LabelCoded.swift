/// A closed set of values that users write by label (grade `III/a`, PPPK grade `IX`, SKP
/// predicate `Sangat Baik`): prints, encodes and decodes as the label; decoding validates,
/// naming the coding key as the field.
public protocol LabelCoded: Codable, CustomStringConvertible {
    /// The label users read and write.
    var label: String { get }
    /// Parses a label; errors name `field`.
    init(parsing raw: String, field: String) throws
}

extension LabelCoded {
    public var description: String { label }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: raw, field: decoder.codingPath.last?.stringValue ?? "")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(label)
    }
}
