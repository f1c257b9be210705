/// The two kinds of ASN: PNS (pegawai negeri sipil, career civil servant with a NIP) and PPPK
/// (pegawai pemerintah dengan perjanjian kerja, contract civil servant with an NI PPPK).
/// Each has its own number structure and its own grade scale.
public enum CivilServantKind: String, CaseIterable, Hashable, Sendable, Codable {
    case pns = "PNS"
    case pppk = "PPPK"

    /// Parses "PNS" or "PPPK" in any letter case; throws `civil_servant_kind.invalid`.
    public init(parsing raw: String, field: String = "kind") throws {
        guard let kind = CivilServantKind(rawValue: raw) ?? CivilServantKind(rawValue: raw.trimmingSpaces.uppercased()) else {
            throw DomainError.invalid(
                "civil_servant_kind.invalid", "The employee kind is PNS or PPPK; got '\(raw)'.", field: field)
        }
        self = kind
    }
}
