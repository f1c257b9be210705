/// Sex (jenis kelamin) as the NIP and the NI PPPK encode it: digit 1 male, 2 female.
public enum Sex: Int, CaseIterable, Hashable, Sendable {
    case male = 1
    case female = 2

    /// Indonesian label: "Laki-laki" or "Perempuan".
    public var indonesianLabel: String {
        switch self {
        case .male: "Laki-laki"
        case .female: "Perempuan"
        }
    }
}
