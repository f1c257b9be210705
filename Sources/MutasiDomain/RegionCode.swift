/// A Kemendagri region code (kode wilayah), always text: `PP.KK[.CC[.DDDD]]`.
///
/// - `PP` province (provinsi), 11...99;
/// - `KK` regency (kabupaten) 01...69 or city (kota) 71...99; 00 and 70 are not codes;
/// - `CC` district (kecamatan), 01...99;
/// - `DDDD` village (desa / kelurahan), 0001...9999.
///
/// `53.71` is Kota Kupang, `52.71` Kota Mataram. The text is never a number: `91.10` stays
/// `91.10` (a spreadsheet that shows `91.1` has lost a digit, and that is refused).
///
/// Error codes (field `region_code` unless given): `region_code.required`, `region_code.invalid`
/// (shape), `region_code.invalid_province`, `region_code.invalid_regency`,
/// `region_code.invalid_district`, `region_code.invalid_village`.
public struct RegionCode: ValidatedText {
    /// How deep in the hierarchy a code points.
    public enum Level: Int, CaseIterable, Comparable, Sendable {
        case province = 1
        case regencyOrCity = 2
        case district = 3
        case village = 4

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The code as written, e.g. `53.71.01.1001`.
    public let text: String
    private let parts: [Substring]

    /// Regency numbers 71...99 are cities (kota).
    public static let cityNumbers = 71...99
    /// Regency numbers 1...69 are regencies (kabupaten).
    public static let regencyNumbers = 1...69
    public static let provinceNumbers = 11...99

    /// Widths of the segments, province first.
    private static let widths = [2, 2, 2, 4]

    public init(_ raw: String, field: String = "region_code") throws {
        let text = raw.trimmingSpaces
        guard !text.isEmpty else {
            throw DomainError.invalid("region_code.required", "The region code is required.", field: field)
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 4,
              zip(parts, RegionCode.widths).allSatisfy({ $0.count == $1 && DecimalDigits.isAllDigits($0) })
        else {
            throw DomainError.invalid(
                "region_code.invalid",
                "A region code is written PP.KK.CC.DDDD (2, 2, 2 and 4 digits, e.g. 53.71 or 53.71.01.1001); "
                    + "got '\(text)'. Keep the column as text in spreadsheets: 91.10 must not become 91.1.",
                field: field)
        }
        let values = parts.map { DecimalDigits.value(of: $0)! }
        func check(_ ok: Bool, _ code: String, _ message: String) throws {
            guard ok else { throw DomainError.invalid("region_code.\(code)", message, field: field) }
        }
        try check(
            RegionCode.provinceNumbers.contains(values[0]), "invalid_province",
            "Province codes run 11-99; got \(parts[0]) in '\(text)'.")
        if values.count > 1 {
            try check(
                RegionCode.regencyNumbers.contains(values[1]) || RegionCode.cityNumbers.contains(values[1]),
                "invalid_regency",
                "Regency codes run 01-69 and city codes 71-99; got \(parts[1]) in '\(text)'.")
        }
        if values.count > 2 {
            try check(values[2] >= 1, "invalid_district", "District codes run 01-99; got 00 in '\(text)'.")
        }
        if values.count > 3 {
            try check(values[3] >= 1, "invalid_village", "Village codes run 0001-9999; got 0000 in '\(text)'.")
        }
        self.text = text
        self.parts = parts
    }

    private init(validParts parts: ArraySlice<Substring>) {
        self.parts = Array(parts)
        self.text = parts.joined(separator: ".")
    }

    public var level: Level { Level(rawValue: parts.count)! }

    /// The two-digit province part, e.g. "53".
    public var provinceNumber: String { String(parts[0]) }
    /// The two-digit regency or city part, e.g. "71", if the code goes that deep.
    public var regencyNumber: String? { parts.count > 1 ? String(parts[1]) : nil }
    /// The two-digit district part, if any.
    public var districtNumber: String? { parts.count > 2 ? String(parts[2]) : nil }
    /// The four-digit village part, if any.
    public var villageNumber: String? { parts.count > 3 ? String(parts[3]) : nil }

    /// The code one level up (`53.71.01` -> `53.71`); nil for a province.
    public var parent: RegionCode? {
        parts.count > 1 ? RegionCode(validParts: parts.dropLast()) : nil
    }

    /// This code cut to `level` (`53.71.01.1001` at `.regencyOrCity` is `53.71`); nil when this code
    /// does not go that deep.
    public func ancestor(at level: Level) -> RegionCode? {
        level.rawValue <= parts.count ? RegionCode(validParts: parts.prefix(level.rawValue)) : nil
    }

    /// Whether the code lies in a city (kota, regency part 71-99) rather than a regency (kabupaten);
    /// false for a province code.
    public var isCity: Bool {
        regencyNumber.map { RegionCode.cityNumbers.contains(Int($0)!) } ?? false
    }

    /// Whether `other` is this region or lies inside it.
    public func contains(_ other: RegionCode) -> Bool {
        other.ancestor(at: level) == self
    }
}
