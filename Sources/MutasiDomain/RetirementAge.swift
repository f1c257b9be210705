/// Retirement ages (batas usia pensiun, BUP) per position kind: a table a tenant may edit.
///
/// The default follows PP 11/2017 Pasal 239 and UU 14/2005: 58 for administrator, pengawas,
/// pelaksana and the functional kinds keterampilan, ahli pertama and ahli muda; 60 for senior
/// leaders (JPT), ahli madya and teachers; 65 for ahli utama. An age must be 50...75
/// (`retirement_age.out_of_range`, field `retirement_ages.<kind>`).
public struct RetirementAgeTable: Hashable, Sendable, Codable {
    /// The ages a table may hold.
    public static let allowedAges = 50...75

    public static let `default` = RetirementAgeTable(unchecked: [
        .seniorLeader: 60, .administrator: 58, .supervisor: 58, .executor: 58,
        .functionalSkilled: 58, .functionalFirstExpert: 58, .functionalJuniorExpert: 58,
        .functionalMiddleExpert: 60, .functionalSeniorExpert: 65, .teacher: 60,
    ])

    /// An age for every position kind.
    public private(set) var ages: [PositionKind: Int]

    private init(unchecked ages: [PositionKind: Int]) { self.ages = ages }

    /// The default table with `overrides` applied.
    public init(overriding overrides: [PositionKind: Int] = [:]) throws {
        self = .default
        for (kind, age) in overrides.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try setAge(age, for: kind)
        }
    }

    /// The retirement age for `kind`.
    public func age(for kind: PositionKind) -> Int { ages[kind]! }

    /// Sets the age for `kind`; throws `retirement_age.out_of_range`.
    public mutating func setAge(_ age: Int, for kind: PositionKind) throws {
        guard RetirementAgeTable.allowedAges.contains(age) else {
            throw DomainError.invalid(
                "retirement_age.out_of_range",
                "A retirement age must be \(RetirementAgeTable.allowedAges.lowerBound)-"
                    + "\(RetirementAgeTable.allowedAges.upperBound) years; got \(age) for \(kind.indonesianName).",
                field: "retirement_ages.\(kind.rawValue)")
        }
        ages[kind] = age
    }

    /// The retirement date of someone born on `birthDate` in a position of `kind`.
    public func retirementDate(birthDate: CalendarDate, kind: PositionKind) -> CalendarDate {
        RetirementAgeTable.retirementDate(birthDate: birthDate, age: age(for: kind))
    }

    /// Retirement takes effect on the first day of the month after the birthday on which the
    /// employee reaches `age`: born 15 December 1966, age 58 -> birthday 15 December 2024 ->
    /// 1 January 2025. Born on the first of a month, the date is still the first of the next month
    /// (born 1 March 1966, age 58 -> 1 April 2024).
    public static func retirementDate(birthDate: CalendarDate, age: Int) -> CalendarDate {
        birthDate.addingYears(age).firstOfNextMonth
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: Int].self)
        var overrides: [PositionKind: Int] = [:]
        for (key, age) in raw {
            overrides[try PositionKind(parsing: key, field: "retirement_ages.\(key)")] = age
        }
        try self.init(overriding: overrides)
    }

    /// Encodes as an object from position kind code to age: `{"teacher": 60, ...}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Dictionary(uniqueKeysWithValues: ages.map { ($0.key.rawValue, $0.value) }))
    }
}
