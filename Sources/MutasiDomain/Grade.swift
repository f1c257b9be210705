/// A PNS grade (golongan ruang), I/a (1) up to IV/e (17), with its rank title (pangkat).
///
/// Parsed from the label `III/a` in any letter case, with surrounding spaces; throws
/// `grade.invalid`. Encodes as its label.
public enum Grade: Int, CaseIterable, Comparable, Hashable, Sendable, LabelCoded {
    case ia = 1, ib, ic, id
    case iia, iib, iic, iid
    case iiia, iiib, iiic, iiid
    case iva, ivb, ivc, ivd, ive

    private static let romans = ["I", "II", "III", "IV"]
    private static let letters = ["a", "b", "c", "d", "e"]
    private static let byLowercasedLabel = Dictionary(uniqueKeysWithValues: allCases.map { ($0.label.lowercased(), $0) })

    public init(parsing raw: String, field: String = "grade") throws {
        guard let grade = Grade.byLowercasedLabel[raw.trimmingSpaces.lowercased()] else {
            throw DomainError.invalid(
                "grade.invalid", "A grade (golongan ruang) is written I/a to IV/e, e.g. III/a; got '\(raw)'.",
                field: field)
        }
        self = grade
    }

    /// The golongan, 1...4 (I...IV).
    public var golongan: Int { min((rawValue - 1) / 4, 3) + 1 }

    /// The ruang letter, "a"..."e".
    public var ruang: String { Grade.letters[rawValue - 1 - (golongan - 1) * 4] }

    /// `III/a`.
    public var label: String { Grade.romans[golongan - 1] + "/" + ruang }

    /// The rank title (pangkat): I/a Juru Muda ... IV/e Pembina Utama.
    public var rankName: String {
        switch self {
        case .ia: "Juru Muda"
        case .ib: "Juru Muda Tingkat I"
        case .ic: "Juru"
        case .id: "Juru Tingkat I"
        case .iia: "Pengatur Muda"
        case .iib: "Pengatur Muda Tingkat I"
        case .iic: "Pengatur"
        case .iid: "Pengatur Tingkat I"
        case .iiia: "Penata Muda"
        case .iiib: "Penata Muda Tingkat I"
        case .iiic: "Penata"
        case .iiid: "Penata Tingkat I"
        case .iva: "Pembina"
        case .ivb: "Pembina Tingkat I"
        case .ivc: "Pembina Utama Muda"
        case .ivd: "Pembina Utama Madya"
        case .ive: "Pembina Utama"
        }
    }

    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws { try self.init(labelFrom: decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeLabel(to: encoder) }
}

/// A PPPK grade (golongan PPPK), I (1) up to XVII (17), written in Roman numerals.
///
/// Parsed from the numeral in any letter case; throws `pppk_grade.invalid`. Encodes as its numeral.
public struct PPPKGrade: Hashable, Comparable, Sendable, LabelCoded {
    /// 1...17.
    public let value: Int

    public static let range = 1...17
    public static var allCases: [PPPKGrade] { range.map { PPPKGrade(checked: $0) } }

    /// A grade from its number 1...17; throws `pppk_grade.invalid`.
    public init(_ value: Int, field: String = "grade") throws {
        guard PPPKGrade.range.contains(value) else {
            throw DomainError.invalid(
                "pppk_grade.invalid", "PPPK grades run I to XVII (1 to 17); got \(value).", field: field)
        }
        self.value = value
    }

    private init(checked value: Int) { self.value = value }

    private static let byLabel = Dictionary(uniqueKeysWithValues: allCases.map { ($0.label, $0) })

    public init(parsing raw: String, field: String = "grade") throws {
        guard let grade = PPPKGrade.byLabel[raw.trimmingSpaces.uppercased()] else {
            throw DomainError.invalid(
                "pppk_grade.invalid", "A PPPK grade is a Roman numeral I to XVII, e.g. IX; got '\(raw)'.",
                field: field)
        }
        self = grade
    }

    /// The Roman numeral, e.g. `XVII`.
    public var label: String {
        let tens = String(repeating: "X", count: value / 10)
        let units = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][value % 10]
        return tens + units
    }

    public static func < (lhs: PPPKGrade, rhs: PPPKGrade) -> Bool { lhs.value < rhs.value }
}
