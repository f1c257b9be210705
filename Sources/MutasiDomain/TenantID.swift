import Foundation

/// The scope a row belongs to: one tenant (pemerintah daerah), or the platform itself.
///
/// The platform scope is the nil UUID, so platform rows share the tenant-keyed tables and the
/// same row-level security policy.
public struct ScopeID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let uuid: UUID
    public init(_ uuid: UUID) { self.uuid = uuid }

    public static let platform = ScopeID(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
    public var isPlatform: Bool { self == .platform }
    public var description: String { uuid.uuidString.lowercased() }

    public init(from decoder: any Decoder) throws {
        uuid = try decoder.singleValueContainer().decode(UUID.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
