/// Request bodies that refuse fields they do not know, so a misspelt field is an error rather
/// than silently ignored.
public struct AnyCodingKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int?
    public init(stringValue: String) { self.stringValue = stringValue }
    public init(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

public enum StrictKeys {
    /// Throws `request.unknown_field` naming the first (alphabetically) field not in `allowed`.
    public static func refuseUnknown(_ decoder: any Decoder, allowed: Set<String>) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
        guard let first = unknown.first else { return }
        let prefix = decoder.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        let path = prefix.hasPrefix(".") ? String(prefix.dropFirst()) : prefix
        let field = path.isEmpty ? first : path + "." + first
        throw DomainError.invalid("request.unknown_field", "\(field) is not a field of this request.", field: field)
    }
}
