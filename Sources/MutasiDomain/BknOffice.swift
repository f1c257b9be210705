import Foundation

/// A BKN regional office (Kantor Regional BKN) overseeing the tenants in its area.
public struct BknOffice: Codable, Sendable, Equatable {
    public var id: UUID
    /// Short stable handle, e.g. `kanreg-x`.
    public var code: String
    public var name: String
    public var version: Int

    public init(id: UUID, code: String, name: String, version: Int) {
        self.id = id; self.code = code; self.name = name; self.version = version
    }
}
