/// One task (uraian tugas) of a position in a needs analysis: how often it is done in a year
/// (volume, beban kerja) and how many minutes one instance takes (standard time, norma waktu).
///
/// Volume must be >= 0 and standard time > 0; both may be fractions and are kept exact.
/// Errors name `<field>.name`, `<field>.volume`, `<field>.standard_minutes`, so a service passes
/// `tasks[3]` as the field. Codes: `needs.task_name_required`, `needs.negative_volume`,
/// `needs.invalid_standard_time`, `number.overflow`.
public struct WorkloadTask: Hashable, Sendable {
    public let name: String
    /// Times a year.
    public let volume: Rational
    /// Minutes for one instance.
    public let standardMinutes: Rational
    /// volume x standard minutes.
    public let workloadMinutes: Rational

    public init(name: String, volume: Rational, standardMinutes: Rational, field: String = "task") throws {
        let name = name.trimmingSpaces
        guard !name.isEmpty else {
            throw DomainError.invalid("needs.task_name_required", "Every task needs a name.", field: "\(field).name")
        }
        guard volume >= .zero else {
            throw DomainError.invalid(
                "needs.negative_volume", "The yearly volume of '\(name)' cannot be negative; got \(volume).",
                field: "\(field).volume")
        }
        guard standardMinutes > .zero else {
            throw DomainError.invalid(
                "needs.invalid_standard_time",
                "The standard time of '\(name)' must be a positive number of minutes; got \(standardMinutes).",
                field: "\(field).standard_minutes")
        }
        self.name = name
        self.volume = volume
        self.standardMinutes = standardMinutes
        self.workloadMinutes = try volume.multiplied(by: standardMinutes)
    }

    /// A task with whole-number volume and minutes.
    public init(name: String, volume: Int, standardMinutes: Int, field: String = "task") throws {
        try self.init(name: name, volume: Rational(volume), standardMinutes: Rational(standardMinutes), field: field)
    }
}
