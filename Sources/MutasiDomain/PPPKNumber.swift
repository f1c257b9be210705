/// The 18-digit NI PPPK (nomor induk PPPK) of a contract civil servant, kept as text:
/// birth date `YYYYMMDD` + start year `YYYY` + `2` (the PPPK marker) + contract count (1 digit)
/// + sex `1`/`2` + sequence `001`...`999`.
///
/// `200012312024211001`: born 31 December 2000, PPPK since 2024, first contract, male, sequence 1.
/// Spaces between the groups are accepted on input and dropped; `text` is the 18 digits.
///
/// The start year must be on or after the year in which the employee turns 18 (the number holds
/// only the year). The contract count is 1...9. Digit 13 is always `2`, which a NIP never has
/// there (it is the tens digit of a month), so the two kinds cannot be mistaken for each other.
///
/// Error codes (field `nip` unless given): `pppk_number.required`, `pppk_number.scientific_notation`,
/// `pppk_number.invalid_characters`, `pppk_number.invalid_length`, `pppk_number.invalid_birth_date`,
/// `pppk_number.start_before_age_18`, `pppk_number.invalid_marker`,
/// `pppk_number.invalid_contract_count`, `pppk_number.invalid_sex`, `pppk_number.invalid_sequence`.
public struct PPPKNumber: ValidatedText {
    /// The 18 digits.
    public let text: String
    public let birthDate: CalendarDate
    /// Year the employee started as PPPK.
    public let startYear: Int
    /// How many contracts (perjanjian kerja) the number has counted, 1...9.
    public let contractCount: Int
    public let sex: Sex
    /// 1...999.
    public let sequence: Int

    /// Digit 13 of every NI PPPK.
    public static let marker = 2

    public init(_ raw: String, field: String = "nip") throws {
        typealias T = EmployeeNumberText
        let (prefix, name) = ("pppk_number", "NI PPPK")
        let d = try T.digits(raw, codePrefix: prefix, name: name, field: field)
        let birthDate = try T.birthDate(d, codePrefix: prefix, name: name, field: field)
        guard d[12] == PPPKNumber.marker else {
            throw DomainError.invalid(
                "pppk_number.invalid_marker",
                "Digit 13 of an NI PPPK is always \(PPPKNumber.marker); got \(d[12]). A PNS has a NIP instead.",
                field: field)
        }
        guard d[13] >= 1 else {
            throw DomainError.invalid(
                "pppk_number.invalid_contract_count",
                "Digit 14 of the NI PPPK counts the contracts and starts at 1; got 0.", field: field)
        }
        let startYear = T.number(d, 8..<12)
        guard startYear >= birthDate.year + NIP.minimumStartAge else {
            throw DomainError.invalid(
                "pppk_number.start_before_age_18",
                "The NI PPPK's start year \(T.text(d, 8..<12)) is before the employee turned "
                    + "\(NIP.minimumStartAge) (born \(birthDate)).", field: field)
        }
        self.sex = try T.sex(d, codePrefix: prefix, name: name, field: field)
        self.sequence = try T.sequence(d, codePrefix: prefix, name: name, field: field)
        self.text = T.text(d, 0..<18)
        self.birthDate = birthDate
        self.startYear = startYear
        self.contractCount = d[13]
    }

    /// The number in printed groups: `20001231 2024 2 1 1 001`.
    public var formatted: String {
        let c = Array(text)
        return [c[0..<8], c[8..<12], c[12..<13], c[13..<14], c[14..<15], c[15..<18]].map { String($0) }
            .joined(separator: " ")
    }
}
