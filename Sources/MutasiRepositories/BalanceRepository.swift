import Foundation
import MutasiDomain

/// A slot as the balance dashboard needs it.
public struct BalanceSlotRecord: Sendable, Equatable {
    public var slotID: UUID
    public var slotCode: String
    public var slotName: String
    public var positionKind: String
    public var educationFields: [String]
    public var need: Int
    public var unitID: UUID
    public var unitCode: String
    public var unitName: String
    public var agencyID: UUID
    public var agencyCode: String
    public var agencyName: String
    public init(slotID: UUID, slotCode: String, slotName: String, positionKind: String, educationFields: [String],
                need: Int, unitID: UUID, unitCode: String, unitName: String, agencyID: UUID, agencyCode: String,
                agencyName: String) {
        self.slotID = slotID; self.slotCode = slotCode; self.slotName = slotName; self.positionKind = positionKind
        self.educationFields = educationFields; self.need = need; self.unitID = unitID; self.unitCode = unitCode
        self.unitName = unitName; self.agencyID = agencyID; self.agencyCode = agencyCode; self.agencyName = agencyName
    }
}

/// An employee holding a slot, as the balance dashboard needs them.
public struct BalanceEmployeeRecord: Sendable, Equatable {
    public var employeeID: UUID
    public var nip: String
    public var name: String
    public var slotID: UUID
    public var slotSince: CalendarDate
    public var birthDate: CalendarDate
    public var educationField: String
    public init(employeeID: UUID, nip: String, name: String, slotID: UUID, slotSince: CalendarDate,
                birthDate: CalendarDate, educationField: String) {
        self.employeeID = employeeID; self.nip = nip; self.name = name; self.slotID = slotID
        self.slotSince = slotSince; self.birthDate = birthDate; self.educationField = educationField
    }
}

/// Reads what the balance dashboard aggregates, within the transaction's tenant.
public protocol BalanceRepository: Sendable {
    /// The tenant's slots (only those of `agencyIDs` when given), by agency, unit and slot code.
    func slots(tenantID: UUID, agencyIDs: [UUID]?) async throws -> [BalanceSlotRecord]
    /// Employees holding those slots.
    func employees(tenantID: UUID, agencyIDs: [UUID]?) async throws -> [BalanceEmployeeRecord]
}
