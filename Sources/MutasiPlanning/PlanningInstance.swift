/// The input of one planning run (planning.md, "Inputs"): a policy, the slots and the employees.
///
/// Plain values with the defaults of planning.md, so that the server can build one from its
/// records and the offline solver from a JSON file; `validate()` holds both to the same rules.
public struct PlanningInstance: Sendable, Equatable {
    public var policy: Policy
    public var slots: [Slot]
    public var employees: [Employee]

    public init(policy: Policy = Policy(), slots: [Slot], employees: [Employee]) {
        self.policy = policy
        self.slots = slots
        self.employees = employees
    }

    /// How far from the employee's current region a move may go (`inScope`).
    public enum Scope: String, Sendable, CaseIterable {
        case regency, province, any
    }

    /// `balance` allows compulsory moves from surplus to deficit; `voluntary` only volunteers' moves.
    public enum Mode: String, Sendable, CaseIterable {
        case balance, voluntary
    }

    /// What the employee asked for: a transfer (`move`), to stay, or neither.
    public enum Wish: String, Sendable, CaseIterable {
        case move, stay, none
    }

    /// The rules of one run; every field has the default planning.md gives it.
    public struct Policy: Sendable, Equatable {
        public var horizonMonths: Int
        public var minMonthsInPosition: Int
        public var minPerformance: Int
        public var maxTrainableGap: Int
        public var scope: Scope
        public var mode: Mode
        /// Cost per point of fit below 100.
        public var fitWeight: Int
        /// Grant for a move to the first listed unit, less `wishStep` per rank below it.
        public var wishBonus: Int
        public var wishStep: Int
        /// Burden of every compulsory move, and its additions against a wish to stay or listed units.
        public var compulsoryCost: Int
        public var stayCost: Int
        public var ignoredWishCost: Int

        public init(
            horizonMonths: Int = 12, minMonthsInPosition: Int = 24, minPerformance: Int = 4,
            maxTrainableGap: Int = 2, scope: Scope = .province, mode: Mode = .balance,
            fitWeight: Int = 3, wishBonus: Int = 200, wishStep: Int = 30, compulsoryCost: Int = 300,
            stayCost: Int = 200, ignoredWishCost: Int = 150
        ) {
            self.horizonMonths = horizonMonths
            self.minMonthsInPosition = minMonthsInPosition
            self.minPerformance = minPerformance
            self.maxTrainableGap = maxTrainableGap
            self.scope = scope
            self.mode = mode
            self.fitWeight = fitWeight
            self.wishBonus = wishBonus
            self.wishStep = wishStep
            self.compulsoryCost = compulsoryCost
            self.stayCost = stayCost
            self.ignoredWishCost = ignoredWishCost
        }
    }

    /// A minimum competency level that a slot asks for.
    public struct Requirement: Sendable, Equatable {
        public var code: String
        public var level: Int

        public init(code: String, level: Int) {
            self.code = code
            self.level = level
        }
    }

    /// One position in one work unit, with the headcount the approved needs analysis asks for.
    public struct Slot: Sendable, Equatable {
        public var id: String
        public var unit: String
        /// Kemendagri region code, compared component by component (never as a number).
        public var region: String
        public var need: Int
        public var minGrade: Int
        public var maxGrade: Int
        /// Allowed fields of study; empty means any.
        public var educationFields: [String]
        public var competencies: [Requirement]

        public init(
            id: String, unit: String, region: String, need: Int, minGrade: Int, maxGrade: Int,
            educationFields: [String] = [], competencies: [Requirement] = []
        ) {
            self.id = id
            self.unit = unit
            self.region = region
            self.need = need
            self.minGrade = minGrade
            self.maxGrade = maxGrade
            self.educationFields = educationFields
            self.competencies = competencies
        }
    }

    /// One civil servant as the planner sees them.
    public struct Employee: Sendable, Equatable {
        /// NIP (or any unique id).
        public var id: String
        /// Id of the slot held now.
        public var slot: String
        public var grade: Int
        public var educationField: String
        /// Competency code to level; a missing code is level 0. (Codes that are canonically
        /// equivalent but differ in code points are distinct codes; a Swift dictionary would merge
        /// them, so such a pair cannot be expressed here.)
        public var competencies: [String: Int]
        /// Latest SKP predicate, 1 (Sangat Kurang) .. 5 (Sangat Baik).
        public var performance: Int
        public var monthsInPosition: Int
        public var monthsToRetirement: Int
        /// `move` makes the employee a volunteer (voluntary moves to better-ranked listed units).
        public var wish: Wish
        /// Published priority points (0...500), added to the grant of a move to a listed unit.
        public var priority: Int
        /// May not be moved (disciplinary process, study leave, ...).
        public var locked: Bool
        /// Up to five unit ids, most wanted first.
        public var preferences: [String]

        public init(
            id: String, slot: String, grade: Int, educationField: String,
            competencies: [String: Int] = [:], performance: Int, monthsInPosition: Int,
            monthsToRetirement: Int, wish: Wish = .none, priority: Int = 0, locked: Bool = false,
            preferences: [String] = []
        ) {
            self.id = id
            self.slot = slot
            self.grade = grade
            self.educationField = educationField
            self.competencies = competencies
            self.performance = performance
            self.monthsInPosition = monthsInPosition
            self.monthsToRetirement = monthsToRetirement
            self.wish = wish
            self.priority = priority
            self.locked = locked
            self.preferences = preferences
        }
    }
}
