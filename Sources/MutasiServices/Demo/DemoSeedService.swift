import Foundation
import MutasiDomain
import MutasiRepositories

/// Loads the deterministic demo: two BKN regional offices, three tenants with agencies, and
/// one user of every role. Running it again changes nothing.
public struct DemoSeedService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// The password of every demo user.
    public static let password = "mutasi-demo-2026"

    struct OfficeSeed { let code, name, adminUsername: String; let provinces: [String] }
    struct TenantSeed { let code, name: String; let kind: Tenant.Kind; let region, office: String }

    static let offices = [
        OfficeSeed(code: "kanreg-viii", name: "Kantor Regional VIII BKN Banjarmasin", adminUsername: "bkn-banjarmasin",
                   provinces: ["62", "63", "64", "65"]),  // Kalimantan Tengah, Selatan, Timur, Utara
        OfficeSeed(code: "kanreg-x", name: "Kantor Regional X BKN Denpasar", adminUsername: "bkn-denpasar",
                   provinces: ["51", "52", "53"]),  // Bali, NTB, NTT
    ]
    static let tenants = [
        TenantSeed(code: "provinsi-sabangau", name: "Pemerintah Provinsi Sabangau", kind: .province, region: "62", office: "kanreg-viii"),
        TenantSeed(code: "kota-kupang", name: "Pemerintah Kota Kupang", kind: .city, region: "53.71", office: "kanreg-x"),
        TenantSeed(code: "kota-mataram", name: "Pemerintah Kota Mataram", kind: .city, region: "52.71", office: "kanreg-x"),
    ]
    static let agencies = [
        ("dinas-pendidikan", "Dinas Pendidikan"), ("dinas-kesehatan", "Dinas Kesehatan"),
        ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
        ("inspektorat", "Inspektorat"), ("setda", "Sekretariat Daerah"),
    ]
    /// (username, full name, role) of each tenant's demo users.
    static let tenantUsers: [(String, String, Role)] = [
        ("admin", "Admin BKPSDM", .tenantAdmin),
        ("operator-pendidikan", "Operator Dinas Pendidikan", .agencyOperator),
        ("ppk", "Pejabat Pembina Kepegawaian", .approver),
        ("pegawai", "Pegawai Contoh", .employee),
        ("auditor", "Auditor Inspektorat", .auditor),
    ]

    /// A login of the demo, as printed for people trying it.
    public struct Login: Sendable, Encodable {
        public var tenant: String?
        public var username: String
        public var role: Role
    }

    /// Seeds what is missing and returns every demo login.
    @discardableResult
    public func seed() async throws -> [Login] {
        let hash = try await env.hasher.hash(Self.password)
        let actor = Principal.system
        var logins: [Login] = [Login(tenant: nil, username: "admin", role: .platformAdmin)]
        try await env.store.transaction(in: .platform) { tx in
            if try await tx.users.findCredentials(scope: .platform, username: "admin") == nil {
                let user = try await tx.users.create(NewUser(scope: .platform, username: "admin", fullName: "Platform Admin",
                                                             role: .platformAdmin, bknOfficeID: nil, agencyIDs: [], passwordHash: hash))
                try await tx.audit.append(scope: .platform, actor: actor, Self.created("user", user.id, user))
            }
            for seed in Self.offices {
                var office = try await tx.offices.find(code: seed.code)
                if office == nil {
                    office = try await tx.offices.create(code: seed.code, name: seed.name, provinceCodes: seed.provinces)
                    try await tx.audit.append(scope: .platform, actor: actor, Self.created("bkn_office", office!.id, office!))
                }
                if try await tx.users.findCredentials(scope: .platform, username: seed.adminUsername) == nil {
                    let user = try await tx.users.create(NewUser(scope: .platform, username: seed.adminUsername,
                        fullName: "Admin \(seed.name)", role: .bknAdmin, bknOfficeID: office!.id, agencyIDs: [], passwordHash: hash))
                    try await tx.audit.append(scope: .platform, actor: actor, Self.created("user", user.id, user))
                }
            }
        }
        logins += Self.offices.map { Login(tenant: nil, username: $0.adminUsername, role: .bknAdmin) }
        for seed in Self.tenants {
            try await env.store.transaction(in: .platform) { tx in
                guard let office = try await tx.offices.find(code: seed.office) else { return }
                var tenant = try await tx.tenants.find(code: seed.code)
                if tenant == nil {
                    tenant = try await tx.tenants.create(NewTenant(code: seed.code, name: seed.name, kind: seed.kind,
                                                                   regionCode: seed.region, bknOfficeID: office.id))
                    try await tx.audit.append(scope: .platform, actor: actor, Self.created("tenant", tenant!.id, tenant!))
                }
                guard let tenant else { return }
                try await tx.enter(tenant.scope)
                var agencyIDs: [String: UUID] = [:]
                let existing = try await tx.agencies.list(tenantID: tenant.id, onlyIDs: nil, try PageRequest(limit: 200))
                for agency in existing.items { agencyIDs[agency.code] = agency.id }
                for (code, name) in Self.agencies where agencyIDs[code] == nil {
                    let agency = try await tx.agencies.create(tenantID: tenant.id, code: code, name: name)
                    agencyIDs[code] = agency.id
                    try await tx.audit.append(scope: tenant.scope, actor: actor, Self.created("agency", agency.id, agency))
                }
                for (username, fullName, role) in Self.tenantUsers
                where try await tx.users.findCredentials(scope: tenant.scope, username: username) == nil {
                    let agencies = role == .agencyOperator ? [agencyIDs["dinas-pendidikan"]].compactMap { $0 } : []
                    let user = try await tx.users.create(NewUser(scope: tenant.scope, username: username, fullName: fullName,
                                                                 role: role, bknOfficeID: nil, agencyIDs: agencies, passwordHash: hash))
                    try await tx.audit.append(scope: tenant.scope, actor: actor, Self.created("user", user.id, user))
                }
                try await Self.seedWorkforce(tx, tenant: tenant, agencyIDs: agencyIDs)
            }
            logins += Self.tenantUsers.map { Login(tenant: seed.code, username: $0.0, role: $0.2) }
        }
        try await seedNeedsAnalyses(tenantCode: "provinsi-sabangau")
        return logins
    }

    private static func created<T: Encodable>(_ type: String, _ id: UUID, _ value: T) -> AuditEntry {
        AuditEntry(action: "\(type).create", entityType: type, entityID: id.uuidString.lowercased(),
                   before: nil, after: AuditSnapshot.json(value))
    }
}
