import Foundation

/// An agency (instansi / OPD) of a tenant, e.g. Dinas Pendidikan.
public struct Agency: Codable, Sendable, Equatable {
    public var tenantID: UUID
    public var id: UUID
    public var code: String
    public var name: String
    public var version: Int

    public init(tenantID: UUID, id: UUID, code: String, name: String, version: Int) {
        self.tenantID = tenantID; self.id = id; self.code = code; self.name = name; self.version = version
    }
}
