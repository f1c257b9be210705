/// The kind of a position (jenis jabatan), as far as the rules need it: retirement age (BUP)
/// depends on it.
///
/// Raw values are the stable English API codes. Parsing also accepts the Indonesian names
/// ("Fungsional Ahli Muda", "ahli muda", "pengawas", "JPT", "guru") in any letter case, with
/// spaces, `_` and `-` treated alike; throws `position_kind.invalid`.
public enum PositionKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// Jabatan pimpinan tinggi (JPT): senior leaders.
    case seniorLeader = "senior_leader"
    /// Jabatan administrator.
    case administrator
    /// Jabatan pengawas.
    case supervisor
    /// Jabatan pelaksana.
    case executor
    /// Jabatan fungsional keterampilan (pemula, terampil, mahir, penyelia).
    case functionalSkilled = "functional_skilled"
    /// Jabatan fungsional ahli pertama.
    case functionalFirstExpert = "functional_first_expert"
    /// Jabatan fungsional ahli muda.
    case functionalJuniorExpert = "functional_junior_expert"
    /// Jabatan fungsional ahli madya.
    case functionalMiddleExpert = "functional_middle_expert"
    /// Jabatan fungsional ahli utama.
    case functionalSeniorExpert = "functional_senior_expert"
    /// Guru: teachers, whose retirement age is set by sector law (UU 14/2005).
    case teacher

    /// The Indonesian name, e.g. "Fungsional Ahli Muda".
    public var indonesianName: String {
        switch self {
        case .seniorLeader: "Pimpinan Tinggi"
        case .administrator: "Administrator"
        case .supervisor: "Pengawas"
        case .executor: "Pelaksana"
        case .functionalSkilled: "Fungsional Keterampilan"
        case .functionalFirstExpert: "Fungsional Ahli Pertama"
        case .functionalJuniorExpert: "Fungsional Ahli Muda"
        case .functionalMiddleExpert: "Fungsional Ahli Madya"
        case .functionalSeniorExpert: "Fungsional Ahli Utama"
        case .teacher: "Guru"
        }
    }

    /// Other Indonesian spellings accepted when parsing.
    private var indonesianAliases: [String] {
        switch self {
        case .seniorLeader: ["JPT", "Jabatan Pimpinan Tinggi"]
        case .functionalSkilled: ["Keterampilan"]
        case .functionalFirstExpert: ["Ahli Pertama"]
        case .functionalJuniorExpert: ["Ahli Muda"]
        case .functionalMiddleExpert: ["Ahli Madya"]
        case .functionalSeniorExpert: ["Ahli Utama"]
        default: []
        }
    }

    public init(parsing raw: String, field: String = "position_kind") throws {
        let key = PositionKind.normalized(raw)
        guard let kind = PositionKind.allCases.first(where: { kind in
            ([kind.rawValue, kind.indonesianName] + kind.indonesianAliases).contains { PositionKind.normalized($0) == key }
        }) else {
            throw DomainError.invalid(
                "position_kind.invalid",
                "Unknown position kind '\(raw)'; use one of "
                    + PositionKind.allCases.map(\.rawValue).joined(separator: ", ") + ".",
                field: field)
        }
        self = kind
    }

    private static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "_" || $0 == "-" }).joined(separator: " ")
    }
}
