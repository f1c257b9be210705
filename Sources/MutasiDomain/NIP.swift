/// The 18-digit NIP (nomor induk pegawai) of a PNS, kept as text:
/// birth date `YYYYMMDD` + CPNS start (TMT CPNS) `YYYYMM` + sex `1`/`2` + sequence `001`...`999`.
///
/// `19850315 201001 1 002`: born 15 March 1985, CPNS since January 2010, male, second of that
/// group. Spaces between the groups are accepted on input and dropped; `text` is the 18 digits.
///
/// The start month must be on or after the month in which the employee turns 18: the NIP holds
/// only the month of the start, so a start in the month of the 18th birthday is accepted
/// (born 15 March 1985: March 2003 is the earliest valid start).
///
/// Error codes (field `nip` unless given): `nip.required`, `nip.scientific_notation`,
/// `nip.invalid_characters`, `nip.invalid_length`, `nip.invalid_birth_date`,
/// `nip.invalid_start_month`, `nip.start_before_age_18`, `nip.invalid_sex`, `nip.invalid_sequence`.
public struct NIP: ValidatedText {
    /// The 18 digits.
    public let text: String
    public let birthDate: CalendarDate
    /// Year of the CPNS start (TMT CPNS).
    public let startYear: Int
    /// Month (1...12) of the CPNS start.
    public let startMonth: Int
    public let sex: Sex
    /// 1...999.
    public let sequence: Int

    /// The youngest age at which a CPNS may start.
    public static let minimumStartAge = 18

    public init(_ raw: String, field: String = "nip") throws {
        typealias T = EmployeeNumberText
        let d = try T.digits(raw, codePrefix: "nip", name: "NIP", field: field)
        let birthDate = try T.birthDate(d, codePrefix: "nip", name: "NIP", field: field)
        let (startYear, startMonth) = (T.number(d, 8..<12), T.number(d, 12..<14))
        guard (1...12).contains(startMonth) else {
            let hint = (try? PPPKNumber(raw)) != nil ? " It looks like an NI PPPK; record the employee as PPPK." : ""
            throw DomainError.invalid(
                "nip.invalid_start_month",
                "Digits 9-14 of the NIP must be the CPNS start month YYYYMM; \(T.text(d, 8..<14)) is not.\(hint)",
                field: field)
        }
        guard (startYear, startMonth) >= (birthDate.year + NIP.minimumStartAge, birthDate.month) else {
            throw DomainError.invalid(
                "nip.start_before_age_18",
                "The NIP's CPNS start \(startYear)-\(T.text(d, 12..<14)) is before the employee turned "
                    + "\(NIP.minimumStartAge) (born \(birthDate)).", field: field)
        }
        self.sex = try T.sex(d, codePrefix: "nip", name: "NIP", field: field)
        self.sequence = try T.sequence(d, codePrefix: "nip", name: "NIP", field: field)
        self.text = T.text(d, 0..<18)
        self.birthDate = birthDate
        self.startYear = startYear
        self.startMonth = startMonth
    }

    /// The NIP in its usual printed groups: `19850315 201001 1 002`.
    public var formatted: String {
        let c = Array(text)
        return String(c[0..<8]) + " " + String(c[8..<14]) + " " + String(c[14]) + " " + String(c[15..<18])
    }
}
