/// The yearly performance rating (predikat kinerja, from the SKP) with its score:
/// Sangat Baik 5, Baik 4, Butuh Perbaikan 3, Kurang 2, Sangat Kurang 1.
///
/// Parsed from the Indonesian label in any letter case, spaces collapsed; throws
/// `skp_predicate.invalid`. Encodes as its label.
public enum SKPPredicate: Int, CaseIterable, Comparable, Hashable, Sendable, LabelCoded {
    case veryPoor = 1
    case poor = 2
    case needsImprovement = 3
    case good = 4
    case veryGood = 5

    /// 1...5, higher is better.
    public var score: Int { rawValue }

    /// The Indonesian label, e.g. "Butuh Perbaikan".
    public var label: String {
        switch self {
        case .veryGood: "Sangat Baik"
        case .good: "Baik"
        case .needsImprovement: "Butuh Perbaikan"
        case .poor: "Kurang"
        case .veryPoor: "Sangat Kurang"
        }
    }

    private static let byLabel = Dictionary(uniqueKeysWithValues: allCases.map { ($0.label, $0) })
    private static let byLowercasedLabel = Dictionary(uniqueKeysWithValues: allCases.map { ($0.label.lowercased(), $0) })

    public init(parsing raw: String, field: String = "skp_predicate") throws {
        // Most cells hold a label exactly as written here: no splitting, no lower-casing.
        if let exact = SKPPredicate.byLabel[raw] {
            self = exact
            return
        }
        let words = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        guard let predicate = SKPPredicate.byLowercasedLabel[words] else {
            throw DomainError.invalid(
                "skp_predicate.invalid",
                "An SKP predicate is Sangat Baik, Baik, Butuh Perbaikan, Kurang or Sangat Kurang; got '\(raw)'.",
                field: field)
        }
        self = predicate
    }

    public static func < (lhs: SKPPredicate, rhs: SKPPredicate) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws { try self.init(labelFrom: decoder) }

    public func encode(to encoder: any Encoder) throws { try encodeLabel(to: encoder) }
}
