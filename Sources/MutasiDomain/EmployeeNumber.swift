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

    /// Validates `raw` and refuses a number that tells of a birth or a start after `today`: such a
    /// number is a typing error (codes `nip.birth_date_in_future`, `nip.start_in_future` and the
    /// same under `pppk_number.`).
    public init(_ raw: String, kind: CivilServantKind, field: String = "nip", asOf today: CalendarDate) throws {
        try self.init(raw, kind: kind, field: field)
        let (prefix, name) = kind == .pns ? ("nip", "NIP") : ("pppk_number", "NI PPPK")
        guard birthDate <= today else {
            throw DomainError.invalid("\(prefix).birth_date_in_future",
                                      "The \(name)'s birth date \(birthDate) is after today (\(today)).", field: field)
        }
        let (year, month) = start
        guard (year, month ?? 1) <= (today.year, today.month) else {
            let when = month.map { "\(year)-\($0 < 10 ? "0" : "")\($0)" } ?? "\(year)"
            throw DomainError.invalid("\(prefix).start_in_future",
                                      "The \(name)'s start \(when) is after today (\(today)).", field: field)
        }
    }

    /// The start of service the number holds: year and month for a NIP (TMT CPNS), the year for
    /// an NI PPPK.
    public var start: (year: Int, month: Int?) {
        switch self {
        case .pns(let nip): (nip.startYear, nip.startMonth)
        case .pppk(let number): (number.startYear, nil)
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
