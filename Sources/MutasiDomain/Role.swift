/// What a user may do (see product.md, "Who uses it").
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Operator of the installation: creates BKN offices and their admins.
    case platformAdmin = "platform_admin"
    /// A BKN regional office (Kantor Regional): manages the tenants in its area.
    case bknAdmin = "bkn_admin"
    /// The region's BKD/BKPSDM.
    case tenantAdmin = "tenant_admin"
    /// Staff of one or more agencies (OPD).
    case agencyOperator = "agency_operator"
    /// PPK or the official delegated by the PPK.
    case approver
    /// An ASN: sees own record, files preferences, answers proposed moves.
    case employee
    /// Inspectorate: reads everything of a tenant, changes nothing.
    case auditor

    /// Roles that live in the platform scope rather than in one tenant.
    public var isPlatformScoped: Bool { self == .platformAdmin || self == .bknAdmin }
}
