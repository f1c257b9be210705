/// The planning problem of planning.md as a compact min-cost circulation.
///
/// Nodes: the source and the sink; a node per slot that moves may touch; per deficit slot `t`
/// an entry node whose arc into the slot is capped at `D(t)` (every compulsory move passes it);
/// per surplus slot `s` an exit node capped at `S(s)` (non-volunteers leave through it); a node
/// per employee who may move (unit capacity in). A slot's headcount changes are priced by unit
/// arcs slot -> sink at `seat(t, current + 1), seat(t, current + 2), ...` and source -> slot at
/// `-seat(t, current), -seat(t, current - 1), ...`, which are convex, plus the sink -> source
/// arc that closes the circulation. Swaps and rotations among volunteers are cycles through
/// slot nodes; arcs of negative cost make negative cycles, which cost scaling handles.
///
/// Joining every employee who may be compelled to every target would be tens of millions of
/// arcs for a large region, so compulsory moves to units the employee did not list go through
/// a small tree of hubs: targets that ask for the same things (grade range, fields of study,
/// competencies) form a *kind*, and an employee reaches all deficit targets of a kind through
/// one arc into the tree that mirrors the region hierarchy (same region 0, same regency 20,
/// same province 60, anywhere 150), as far as the scope allows. The arc into the tree carries
/// the employee's own part of the cost (fit and the burden of a move against listed units);
/// the tree adds the distance. Units an employee lists get direct arcs at their true cost. Of
/// the non-volunteers of one slot, only as many as may leave it keep their arcs into any one
/// hub or target: the cheapest.
///
/// Every path through an employee is an allowed move whose path cost is at least the move's
/// true cost (a voluntary move reached through the tree is dearer than its direct arc), and
/// every move has a path of exactly its true cost; so the optimum of this network is the
/// optimum of planning.md, and the moves of an optimal flow form an optimal plan.
struct TransferNetwork {
    let workforce: Workforce
    private(set) var flow = MinCostFlow()
    static let source = 0, sink = 1

    /// Per employee in the network: employee index, arc into the employee node, its out arcs.
    private var employees: [(employee: Int, inArc: Int, outArcs: Range<Int>)] = []
    /// The slot of each slot node and entry node, so that a flow can be read back.
    private var slotOfNode: [Int: Int] = [:]
    /// The node of each hub.
    private var hubNodeOf: [Int] = []
    /// For each hub: its arcs to entry nodes with the target slot, and its arc to its parent hub.
    private var hubTargets: [[(arc: Int, slot: Int)]] = []
    private var hubParent: [(arc: Int, hub: Int)?] = []
    private var hubLevel: [Int] = []

    /// Distance of each level of the region tree: same region, regency, province, anywhere.
    private static let levelDistance = [0, 20, 60, 150]

    init(_ workforce: Workforce, progress: (Double) throws -> Void = { _ in }) throws {
        self.workforce = workforce
        let instance = workforce.instance
        let slots = instance.slots
        let policy = instance.policy
        flow = MinCostFlow(nodeCount: 2)
        let balance = policy.mode == .balance

        // Regions: each code with the keys of its regency and province groups (by bytes).
        var regions = Interner<ExactKey>()
        var groups = Interner<[UInt8]>()
        var regionRegency: [Int] = [], regionProvince: [Int] = []
        let slotRegion = slots.map { slot -> Int in
            let (id, isNew) = regions.intern(ExactKey(slot.region))
            if isNew {
                let bytes = Array(slot.region.utf8)
                let dots = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
                regionProvince.append(groups.intern([1] + bytes[..<(dots.first ?? bytes.count)]).id)
                regionRegency.append(dots.isEmpty ? -1
                    : groups.intern([2] + bytes[..<(dots.count >= 2 ? dots[1] : bytes.count)]).id)
            }
            return id
        }

        var units = Interner<ExactKey>()
        var slotsOfUnit: [[Int]] = []
        for (t, slot) in slots.enumerated() {
            let (u, isNew) = units.intern(ExactKey(slot.unit))
            if isNew { slotsOfUnit.append([]) }
            slotsOfUnit[u].append(t)
        }

        // Kinds of deficit targets, grouped into families that share grade range and fields.
        var codes = Interner<ExactKey>()
        var fields = Interner<ExactKey>()
        var families = Interner<FamilyKey>()
        var kinds = Interner<KindKey>()
        var familyKinds: [[Int]] = [], kindTargets: [[Int]] = []
        if balance {
            for (t, slot) in slots.enumerated() where workforce.deficit[t] > 0 {
                let fieldIds = Array(Set(slot.educationFields.map { fields.intern(ExactKey($0)).id })).sorted()
                let family = families.intern(FamilyKey(minGrade: slot.minGrade, maxGrade: slot.maxGrade, fields: fieldIds))
                if family.isNew { familyKinds.append([]) }
                let requirements = slot.competencies.map { Requirement(code: codes.intern(ExactKey($0.code)).id, level: $0.level) }
                    .sorted { ($0.code, $0.level) < ($1.code, $1.level) }
                let kind = kinds.intern(KindKey(family: family.id, requirements: requirements))
                if kind.isNew {
                    familyKinds[family.id].append(kind.id)
                    kindTargets.append([])
                }
                kindTargets[kind.id].append(t)
            }
        }
        let familyList = families.values
        let kindList = kinds.values
        var familiesOfField = [[Int]](repeating: [], count: fields.count)
        var anyFieldFamilies: [Int] = []
        for (f, family) in familyList.enumerated() {
            if family.fields.isEmpty { anyFieldFamilies.append(f) }
            for field in family.fields { familiesOfField[field].append(f) }
        }

        // Slot nodes and entry nodes, made as they are first needed.
        var slotNode = [Int](repeating: -1, count: slots.count)
        var entryNode = [Int](repeating: -1, count: slots.count)
        var slotOfNode: [Int: Int] = [:]
        func node(ofSlot t: Int) -> Int {
            if slotNode[t] < 0 {
                slotNode[t] = flow.addNode()
                slotOfNode[slotNode[t]] = t
            }
            return slotNode[t]
        }
        var entryArcs: [Int] = []
        func entry(ofSlot t: Int) -> Int {
            if entryNode[t] < 0 {
                entryNode[t] = flow.addNode()
                slotOfNode[entryNode[t]] = t
                entryArcs.append(flow.addArc(from: entryNode[t], to: node(ofSlot: t),
                                             capacity: workforce.deficit[t], cost: 0))
            }
            return entryNode[t]
        }

        // Hub trees: one hub per kind and region group that holds a target of the kind.
        let levels = policy.scope == .any ? 4 : policy.scope == .province ? 3 : 2
        var hubs: [Int: Int] = [:]  // (level, kind, group) -> hub number
        var hubNodes: [Int] = []
        func hubKey(_ level: Int, _ kind: Int, _ group: Int) -> Int { (group << 24 | kind) << 2 | level }
        func regionGroups(_ region: Int) -> [Int] {
            [region, regionRegency[region], regionProvince[region], 0]
        }
        func hub(_ level: Int, _ kind: Int, _ region: Int) -> Int? {
            let group = regionGroups(region)[level]
            return group < 0 ? nil : hubs[hubKey(level, kind, group)]
        }
        let candidateBound = workforce.free.count
        for kind in kindTargets.indices {
            for t in kindTargets[kind] {
                let region = slotRegion[t]
                var child: Int? = nil
                for level in 0..<levels {
                    let group = regionGroups(region)[level]
                    if group < 0 { continue }
                    let key = hubKey(level, kind, group)
                    let h: Int
                    if let existing = hubs[key] {
                        h = existing
                    } else {
                        h = hubNodes.count
                        hubNodes.append(flow.addNode())
                        hubs[key] = h
                        hubTargets.append([])
                        hubParent.append(nil)
                        hubLevel.append(level)
                    }
                    let arc = flow.addArc(from: hubNodes[h], to: entry(ofSlot: t),
                                          capacity: min(workforce.deficit[t], candidateBound), cost: 0)
                    hubTargets[h].append((arc, t))
                    if let c = child, hubParent[c] == nil {
                        let arc = flow.addArc(from: hubNodes[c], to: hubNodes[h], capacity: candidateBound,
                                              cost: Self.levelDistance[level] - Self.levelDistance[hubLevel[c]])
                        hubParent[c] = (arc, h)
                    }
                    child = h
                }
            }
        }
        self.hubNodeOf = hubNodes

        // Employees, by origin region so that each region's entry hubs are looked up once, and
        // by origin slot so that each origin's arcs can be pruned together.
        let candidates = workforce.free.filter { instance.employees[$0].wish == .move || workforce.mayBeCompelled($0) }
        let order = candidates.sorted {
            let (a, b) = (workforce.employeeSlot[$0], workforce.employeeSlot[$1])
            return (slotRegion[a], a, $0) < (slotRegion[b], b, $1)
        }
        var exitNode = [Int](repeating: -1, count: slots.count)
        var leaversOut = [Int](repeating: 0, count: slots.count)    // possible leavers per slot
        var voluntaryIn = [Int](repeating: 0, count: slots.count)   // voluntary arcs per target
        var hubEntry = [(hub: Int, distance: Int)?](repeating: nil, count: kindList.count)
        var entryKnown = [Bool](repeating: false, count: kindList.count)
        var entryTouched: [Int] = []
        var currentRegion = -1
        var levelOf = [Int32](repeating: 0, count: codes.count)
        var employeeArcs: [(employee: Int, inArc: Int, outArcs: Range<Int>)] = []
        var capped: [ArcCandidate] = []     // non-volunteers' arcs, pruned per origin
        var uncapped: [ArcCandidate] = []   // volunteers' arcs
        var blockStart = 0
        while blockStart < order.count {
            try progress(Double(blockStart) / Double(order.count))
            let origin = workforce.employeeSlot[order[blockStart]]
            var blockEnd = blockStart
            while blockEnd < order.count && workforce.employeeSlot[order[blockEnd]] == origin { blockEnd += 1 }
            let region = slotRegion[origin]
            if region != currentRegion {
                for kind in entryTouched { entryKnown[kind] = false }
                entryTouched.removeAll(keepingCapacity: true)
                currentRegion = region
            }
            capped.removeAll(keepingCapacity: true)
            uncapped.removeAll(keepingCapacity: true)
            let originUnit = slots[origin].unit
            for member in 0..<(blockEnd - blockStart) {
                let e = order[blockStart + member]
                let employee = instance.employees[e]
                let volunteer = employee.wish == .move
                let compelled = workforce.mayBeCompelled(e)
                let fitCost = { (gap: Int) in policy.fitWeight * (100 - PlanningRules.fit(gap: gap)) }
                func add(_ candidate: ArcCandidate) {
                    if volunteer { uncapped.append(candidate) } else { capped.append(candidate) }
                }
                if compelled && !kindList.isEmpty {
                    for (code, level) in employee.competencies {
                        if let id = codes.id(of: ExactKey(code)) { levelOf[id] = Int32(level) }
                    }
                    let flat = policy.compulsoryCost + (employee.wish == .stay ? policy.stayCost : 0)
                        + (employee.preferences.isEmpty ? 0 : policy.ignoredWishCost)
                    let fieldId = fields.id(of: ExactKey(employee.educationField))
                    for f in [anyFieldFamilies, fieldId.map { familiesOfField[$0] } ?? []].joined() {
                        let family = familyList[f]
                        guard family.minGrade <= employee.grade && employee.grade <= family.maxGrade else { continue }
                        for kind in familyKinds[f] {
                            var gap = 0
                            for requirement in kindList[kind].requirements {
                                gap += max(0, requirement.level - Int(levelOf[requirement.code]))
                            }
                            guard gap <= policy.maxTrainableGap else { continue }
                            if !entryKnown[kind] {
                                entryKnown[kind] = true
                                entryTouched.append(kind)
                                hubEntry[kind] = nil
                                for level in 0..<levels {
                                    if let h = hub(level, kind, region) {
                                        hubEntry[kind] = (h, Self.levelDistance[level])
                                        break
                                    }
                                }
                            }
                            guard let (h, distance) = hubEntry[kind] else { continue }
                            add(ArcCandidate(head: hubNodes[h], cost: fitCost(gap) + flat + distance, member: member))
                        }
                    }
                    for (code, _) in employee.competencies {
                        if let id = codes.id(of: ExactKey(code)) { levelOf[id] = 0 }
                    }
                }
                // Listed units: direct arcs at the true cost of the move of the kind that holds.
                let ownRank = PlanningRules.rank(employee.preferences, unit: originUnit)
                var seen = Set<Int>()
                for (rank, unit) in employee.preferences.enumerated() {
                    guard let u = units.id(of: ExactKey(unit)), seen.insert(u).inserted else { continue }
                    let voluntary = volunteer && (ownRank.map { rank < $0 } ?? true)
                    let grant = PlanningRules.grant(rank: rank, priority: employee.priority, policy: policy)
                    for t in slotsOfUnit[u] {
                        guard voluntary || (compelled && workforce.deficit[t] > 0) else { continue }
                        guard workforce.qualifies(e, for: t) else { continue }
                        let gap = PlanningRules.gap(employee.competencies, slots[t].competencies)
                        let burden = voluntary ? 0 : policy.compulsoryCost + (employee.wish == .stay ? policy.stayCost : 0)
                        let cost = fitCost(gap) + PlanningRules.distance(slots[origin].region, slots[t].region)
                            + burden - grant
                        if voluntary {
                            voluntaryIn[t] += 1
                            add(ArcCandidate(head: node(ofSlot: t), cost: cost, member: member))
                        } else {
                            add(ArcCandidate(head: entry(ofSlot: t), cost: cost, member: member))
                        }
                    }
                }
            }

            // At most S(origin) non-volunteers leave this slot, so into any one hub or target
            // only the S(origin) cheapest of them matter: were a dearer one moved that way, one of
            // those would be idle and could take its place for no more cost.
            let leaving = min(workforce.surplus[origin], Set(capped.map(\.member)).count)
            capped.sort { ($0.head, $0.cost, $0.member) < ($1.head, $1.cost, $1.member) }
            var kept = uncapped
            var run = 0
            for (i, candidate) in capped.enumerated() {
                run = i > 0 && capped[i - 1].head == candidate.head ? run + 1 : 0
                if run < leaving { kept.append(candidate) }
            }
            kept.sort { ($0.member, $0.head, $0.cost) < ($1.member, $1.head, $1.cost) }
            var k = 0
            var nonVolunteers = 0
            while k < kept.count {
                let member = kept[k].member
                let e = order[blockStart + member]
                let employeeNode = flow.addNode()
                let firstArc = flow.arcCount
                while k < kept.count && kept[k].member == member {
                    flow.addArc(from: employeeNode, to: kept[k].head, capacity: 1, cost: kept[k].cost)
                    k += 1
                }
                let tail: Int
                if instance.employees[e].wish == .move {
                    tail = node(ofSlot: origin)
                    leaversOut[origin] += 1
                } else {
                    if exitNode[origin] < 0 { exitNode[origin] = flow.addNode() }
                    tail = exitNode[origin]
                    nonVolunteers += 1
                }
                let inArc = flow.addArc(from: tail, to: employeeNode, capacity: 1, cost: 0)
                employeeArcs.append((e, inArc, firstArc..<inArc))
            }
            if exitNode[origin] >= 0 {
                let cap = min(workforce.surplus[origin], nonVolunteers)
                flow.addArc(from: node(ofSlot: origin), to: exitNode[origin], capacity: cap, cost: 0)
                leaversOut[origin] += cap
            }
            blockStart = blockEnd
        }
        employees = employeeArcs.sorted { $0.employee < $1.employee }

        // Staffing arcs: growth up to the moves that may enter, shrinkage down to those that may
        // leave (never below zero).
        var shrinkTotal = 0, growTotal = 0
        for t in slots.indices where slotNode[t] >= 0 {
            let need = slots[t].need, current = workforce.current[t]
            let mayEnter = min(candidateBound, voluntaryIn[t] + (entryNode[t] >= 0 ? workforce.deficit[t] : 0))
            for k in stride(from: 1, through: mayEnter, by: 1) {
                flow.addArc(from: slotNode[t], to: Self.sink, capacity: 1,
                            cost: PlanningRules.seat(need: need, current + k))
            }
            let mayLeave = min(current, leaversOut[t])
            for k in stride(from: 0, to: mayLeave, by: 1) {
                flow.addArc(from: Self.source, to: slotNode[t], capacity: 1,
                            cost: -PlanningRules.seat(need: need, current - k))
            }
            growTotal += mayEnter
            shrinkTotal += mayLeave
        }
        flow.addArc(from: Self.sink, to: Self.source, capacity: min(growTotal, shrinkTotal), cost: 0)
        self.slotOfNode = slotOfNode
        try progress(1)
    }

    /// The moves of an optimal circulation: each employee's unit of flow followed from its hub
    /// up the tree to a target that still has flow coming in from that hub.
    func moves(_ solution: MinCostFlow.Solution) -> [(employee: Int, target: Int)] {
        var remaining = solution.flows
        var cursor = [Int](repeating: 0, count: hubTargets.count)
        var hubOfNode: [Int: Int] = [:]
        for (h, node) in hubNodeOf.enumerated() { hubOfNode[node] = h }
        var result: [(employee: Int, target: Int)] = []
        for (e, inArc, outArcs) in employees where remaining[inArc] > 0 {
            guard let arc = outArcs.first(where: { remaining[$0] > 0 }) else { continue }
            remaining[arc] -= 1
            let head = Int(flow.heads[arc])
            guard var h = hubOfNode[head] else {
                result.append((e, slotOfNode[head]!))
                continue
            }
            while true {
                let targets = hubTargets[h]
                while cursor[h] < targets.count && remaining[targets[cursor[h]].arc] == 0 { cursor[h] += 1 }
                if cursor[h] < targets.count {
                    remaining[targets[cursor[h]].arc] -= 1
                    result.append((e, targets[cursor[h]].slot))
                    break
                }
                let (parentArc, parent) = hubParent[h]!
                remaining[parentArc] -= 1
                h = parent
            }
        }
        return result
    }
}

/// Numbers equal values in the order they are first seen, so that the network does not depend
/// on hashing order and a run is repeatable.
struct Interner<Value: Hashable> {
    private var ids: [Value: Int] = [:]
    private(set) var values: [Value] = []

    var count: Int { values.count }

    mutating func intern(_ value: Value) -> (id: Int, isNew: Bool) {
        if let id = ids[value] { return (id, false) }
        ids[value] = values.count
        values.append(value)
        return (values.count - 1, true)
    }

    func id(of value: Value) -> Int? { ids[value] }
}

/// An arc from one employee of an origin (its `member` number) to a hub, entry or slot node.
struct ArcCandidate {
    var head: Int
    var cost: Int
    var member: Int
}

struct Requirement: Hashable {
    var code: Int
    var level: Int
}

struct FamilyKey: Hashable {
    var minGrade: Int
    var maxGrade: Int
    var fields: [Int]
}

struct KindKey: Hashable {
    var family: Int
    var requirements: [Requirement]
}
