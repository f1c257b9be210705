import Foundation
import MutasiDomain

/// A kept move of a plan with what its decree row says: the employee, the post they leave and
/// the one they take, and both agencies.
public struct DecreeMoveFacts: Sendable {
    public var employeeID: UUID
    public var name: String
    public var nip: String
    public var grade: Int
    public var fromPosition: String
    public var fromUnit: String
    public var fromAgencyID: UUID
    public var fromAgencyCode: String
    public var fromAgencyName: String
    public var toPosition: String
    public var toUnit: String
    public var toAgencyID: UUID
    public init(employeeID: UUID, name: String, nip: String, grade: Int, fromPosition: String, fromUnit: String,
                fromAgencyID: UUID, fromAgencyCode: String, fromAgencyName: String, toPosition: String, toUnit: String,
                toAgencyID: UUID) {
        self.employeeID = employeeID; self.name = name; self.nip = nip; self.grade = grade
        self.fromPosition = fromPosition; self.fromUnit = fromUnit; self.fromAgencyID = fromAgencyID
        self.fromAgencyCode = fromAgencyCode; self.fromAgencyName = fromAgencyName
        self.toPosition = toPosition; self.toUnit = toUnit; self.toAgencyID = toAgencyID
    }
}

/// A decree to store: its number, content text and who it moves (employee, from, to agency).
public struct NewDecree: Sendable {
    public var planID: UUID
    public var agencyID: UUID?
    public var year: Int
    public var seq: Int
    public var number: String
    public var effectiveDate: CalendarDate
    public var content: String
    public var sha256: String
    public var employees: [(employeeID: UUID, fromAgencyID: UUID, toAgencyID: UUID)]
    public init(planID: UUID, agencyID: UUID?, year: Int, seq: Int, number: String, effectiveDate: CalendarDate,
                content: String, sha256: String, employees: [(employeeID: UUID, fromAgencyID: UUID, toAgencyID: UUID)]) {
        self.planID = planID; self.agencyID = agencyID; self.year = year; self.seq = seq; self.number = number
        self.effectiveDate = effectiveDate; self.content = content; self.sha256 = sha256; self.employees = employees
    }
}

/// Storage of decree settings, the number sequence and decrees, within the transaction's tenant.
public protocol DecreeRepository: Sendable {
    /// The stored settings, nil when none were stored. With `lock`, the row stays locked.
    func settings(tenantID: UUID, lock: Bool) async throws -> DecreeSettings?
    /// Stores the settings if the stored version is `expectedVersion` (0: none yet); returns
    /// them at the next version, throws `decree_settings.version_mismatch` (412) otherwise.
    func saveSettings(tenantID: UUID, _ settings: DecreeSettings, expectedVersion: Int) async throws -> DecreeSettings
    /// The next number of the tenant's sequence for `year`; the counter row stays locked until
    /// the transaction ends, so concurrent issues take turns and a rollback leaves no gap.
    func nextSeq(tenantID: UUID, year: Int) async throws -> Int
    /// The plan's moves not dropped, by origin agency code, then name.
    func keptMoves(tenantID: UUID, planID: UUID) async throws -> [DecreeMoveFacts]
    func create(tenantID: UUID, _ decree: NewDecree, issuedBy: UUID) async throws -> Decree
    /// Sets the plan `decreed` with its effective date (version + 1).
    func markPlanDecreed(tenantID: UUID, planID: UUID, effectiveDate: CalendarDate) async throws
    /// Decrees of the tenant, of one plan when given, touching one of `agencies` when given
    /// (an employee leaving or joining one), oldest number first; without content.
    func list(tenantID: UUID, planID: UUID?, agencies: [UUID]?) async throws -> [Decree]
    /// One decree with its content.
    func find(tenantID: UUID, id: UUID, lock: Bool) async throws -> Decree?
    /// The agencies the decree's employees leave and join (only `employeeID`'s when given);
    /// empty when the decree does not move that employee.
    func agencies(tenantID: UUID, decreeID: UUID, employeeID: UUID?) async throws -> Set<UUID>
    /// The signed decrees that move the employee, newest first; without content.
    func signedFor(tenantID: UUID, employeeID: UUID) async throws -> [Decree]
    func sign(tenantID: UUID, id: UUID, signedOn: CalendarDate, by: UUID) async throws -> Decree
    func cancel(tenantID: UUID, id: UUID, reason: String, by: UUID) async throws -> Decree
}
