/// An employee's number validated by the structure of the employee's kind: a NIP for a PNS, an
/// NI PPPK for a PPPK. Both are 18 digits and are stored in the same `nip` field.
public enum EmployeeNumber: Hashable, Sendable, CustomStringConvertible {
    case pns(NIP)
    case pppk(PPPKNumber)

    /// Validates `raw` as a NIP (codes `nip.*`) or an NI PPPK (codes `pppk_number.*`).
    public init(_ raw: String, kind: CivilServantKind, field: String = "nip") throws {
        switch kind {
        case .pns: self = .pns(try NIP(raw, field: field))
        case .pppk: self = .pppk(try PPPKNumber(raw, field: field))
        }
    }

    public var kind: CivilServantKind {
        switch self {
        case .pns: .pns
        case .pppk: .pppk
        }
    }

    /// The 18 digits.
    public var text: String {
        switch self {
        case .pns(let nip): nip.text
        case .pppk(let number): number.text
        }
    }

    public var birthDate: CalendarDate {
        switch self {
        case .pns(let nip): nip.birthDate
        case .pppk(let number): number.birthDate
        }
    }

    public var sex: Sex {
        switch self {
        case .pns(let nip): nip.sex
        case .pppk(let number): number.sex
        }
    }

    public var description: String { text }
}
