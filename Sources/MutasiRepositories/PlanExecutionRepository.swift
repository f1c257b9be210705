import Foundation
import MutasiDomain

/// A kept move (not dropped) of a plan, as execution reads it.
public struct KeptMove: Sendable, Equatable {
    public var employeeID: UUID
    public var fromSlotID: UUID
    public var toSlotID: UUID
    public var trainingNeeds: [PlanMove.TrainingNeed]
    /// Where the plan's decree that carries the move stands: `signed` when one is signed,
    /// else `issued` when one awaits signing, else `cancelled`; nil when no decree carries it.
    public var decree: Decree.Status?
    public init(employeeID: UUID, fromSlotID: UUID, toSlotID: UUID, trainingNeeds: [PlanMove.TrainingNeed],
                decree: Decree.Status? = nil) {
        self.employeeID = employeeID; self.fromSlotID = fromSlotID; self.toSlotID = toSlotID; self.trainingNeeds = trainingNeeds
        self.decree = decree
    }
}

/// An employee's record as execution checks it, read under a row lock.
public struct EmployeePost: Sendable, Equatable {
    public var slotID: UUID?
    public var locked: Bool
    public var birthDate: CalendarDate
    /// The position kind of the slot they hold (retirement age); nil when in none.
    public var positionKind: String?
    public init(slotID: UUID?, locked: Bool, birthDate: CalendarDate, positionKind: String?) {
        self.slotID = slotID; self.locked = locked; self.birthDate = birthDate; self.positionKind = positionKind
    }
}

/// Lesson hours (JP) of an employee's training items due in one year.
public struct TrainingHours: Sendable, Equatable, Codable {
    public var planned: Int
    public var done: Int
    public init(planned: Int, done: Int) { self.planned = planned; self.done = done }
}

/// Carrying out decreed plans and the follow-up of their moves, within the transaction's tenant.
public protocol PlanExecutionRepository: Sendable {
    /// The plan's moves with `dropped_at IS NULL`, by employee id.
    func keptMoves(tenantID: UUID, planID: UUID) async throws -> [KeptMove]
    func execution(tenantID: UUID, planID: UUID, employeeID: UUID, lock: Bool) async throws -> MoveExecution?
    func executions(tenantID: UUID, planID: UUID) async throws -> [MoveExecution]
    /// The employee's post, locked until the transaction ends; nil when there is no such employee.
    func lockEmployee(tenantID: UUID, id: UUID) async throws -> EmployeePost?
    /// Moves the employee to `to` from `effectiveDate`: closes their open position-history entry
    /// (or records the post they leave from `slot_since` when the record has none) on the day
    /// before, opens the new one and sets `slot_since`.
    func applyMove(tenantID: UUID, employeeID: UUID, from: UUID, to: UUID, effectiveDate: CalendarDate) async throws
    func record(tenantID: UUID, planID: UUID, employeeID: UUID, outcome: MoveExecution.Outcome, reason: String?,
                note: String?, effectiveDate: CalendarDate) async throws -> MoveExecution
    /// Sets the plan's status to `executed` (version + 1).
    func markExecuted(tenantID: UUID, planID: UUID) async throws -> TransferPlan
    func recordReport(tenantID: UUID, planID: UUID, employeeID: UUID, reportedOn: CalendarDate, by: UUID) async throws -> MoveExecution
    func nameMentor(tenantID: UUID, planID: UUID, employeeID: UUID, mentorID: UUID, by: UUID) async throws -> MoveExecution
    func training(tenantID: UUID, planID: UUID, employeeID: UUID) async throws -> [TrainingItem]
    /// Replaces the move's training plan (version + 1 on its execution).
    func replaceTraining(tenantID: UUID, planID: UUID, employeeID: UUID, _ items: [TrainingItem]) async throws -> MoveExecution
    /// The employee's training hours due in `year`, over all their moves' plans.
    func trainingHours(tenantID: UUID, employeeID: UUID, year: Int) async throws -> TrainingHours
    /// The employee's training hours of one move's plan.
    func moveTrainingHours(tenantID: UUID, planID: UUID) async throws -> [UUID: TrainingHours]
    /// The slot's agency and unit.
    func slotOwner(tenantID: UUID, slotID: UUID) async throws -> (agencyID: UUID, unitID: UUID)?
    /// The unit of the slot an employee holds; nil when in none.
    func unitOf(tenantID: UUID, employeeID: UUID) async throws -> UUID?
    /// SKP predicates (1-5) of employees by year.
    func performance(tenantID: UUID, employeeIDs: [UUID]) async throws -> [UUID: [Int: Int]]
    /// Queues a `plan.execute` job for every due decreed plan of every tenant (the one
    /// cross-tenant step; runs as the schema owner). Returns how many were queued.
    func enqueueDue(today: CalendarDate) async throws -> Int
}
