import Foundation

/// A regional government (pemerintah daerah) using Mutasi: province, regency or city.
public struct Tenant: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case province, regency, city
    }
    public var id: UUID
    /// Short stable handle used in logins and URLs, e.g. `kota-kupang`.
    public var code: String
    public var name: String
    public var kind: Kind
    /// Kemendagri region code, kept as text (`53.71`).
    public var regionCode: String
    public var bknOfficeID: UUID
    public var active: Bool
    public var version: Int

    public init(id: UUID, code: String, name: String, kind: Kind, regionCode: String,
                bknOfficeID: UUID, active: Bool, version: Int) {
        self.id = id; self.code = code; self.name = name; self.kind = kind
        self.regionCode = regionCode; self.bknOfficeID = bknOfficeID; self.active = active
        self.version = version
    }

    public var scope: ScopeID { ScopeID(id) }
}
