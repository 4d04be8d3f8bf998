import Foundation
import RapatCore
import RapatStore

/// Who is asking: a role, and the person a participant speaks for.
public struct Principal: Sendable, Equatable {
    public var role: Role
    public var person: PersonID?

    public init(role: Role, person: PersonID?) {
        self.role = role
        self.person = person
    }

    /// Whoever runs `rapat` on the archive's own machine: the secretariat's operator.
    public static let console = Principal(role: .secretariat, person: nil)

    public init(_ token: APIToken) { self.init(role: token.role, person: token.person) }

    /// Who did something, as a history records it: "secretariat", "participant 197001012000011001".
    public var label: String { person.map { "\(role.rawValue) \($0.key)" } ?? role.rawValue }
}

/// What a principal may want to do, for the access policy to answer.
public enum Permission: Sendable, Equatable {
    case listPeople, registerPeople
    case planMeetings, changeAgenda, runMeetings, writeMinutes, approveMinutes
    case readReports, search
    /// Record attendance for this person.
    case checkIn(PersonID)
    /// Read the calendar feed of this person.
    case readPersonFeed(PersonID)
    /// Read the calendar feed of an OPD.
    case readOPDFeed
    /// Settings, holidays, tokens, bundles and the search index of the archive.
    case administer
    /// Recompute the digests of the sealed minutes.
    case verifyArchive

    /// The phrase the refusal names.
    var action: Message {
        switch self {
        case .listPeople: return .actionListPeople
        case .registerPeople: return .actionRegisterPeople
        case .planMeetings: return .actionPlanMeetings
        case .changeAgenda: return .actionChangeAgendas
        case .runMeetings: return .actionRunMeetings
        case .writeMinutes: return .actionWriteMinutes
        case .approveMinutes: return .actionApproveMinutes
        case .readReports: return .actionReadReports
        case .search: return .actionSearch
        case .checkIn: return .actionCheckIn
        case .readPersonFeed: return .actionReadPersonFeed
        case .readOPDFeed: return .actionReadFeed
        case .administer: return .actionAdminister
        case .verifyArchive: return .actionVerify
        }
    }
}

/// A principal asked for what its role does not allow.
public struct AccessDenied: Error, Equatable, Sendable, LocalizedMessage {
    public var action: Message

    public init(action: Message) { self.action = action }

    /// A feed token used on another feed than the one it opens.
    public static let otherFeed = AccessDenied(action: .actionReadFeed)

    public func message(_ language: Language) -> String { Message.forbidden(action).text(language) }
}

/// The one access policy of every face: roles decide what a principal may do, invitations and approval
/// decide which meetings it may read. Faces ask; they never test roles themselves.
public enum AccessPolicy {
    public static func may(_ p: Principal, _ permission: Permission) -> Bool {
        switch permission {
        case .listPeople, .registerPeople, .planMeetings, .changeAgenda, .runMeetings, .writeMinutes, .approveMinutes, .readReports, .administer:
            return p.role == .secretariat
        case .search, .verifyArchive:
            return p.role != .participant
        case let .checkIn(nip):
            return p.role == .secretariat || (p.role == .participant && p.person == nip)
        case let .readPersonFeed(nip):
            return p.role != .participant || p.person == nip
        case .readOPDFeed:
            return true
        }
    }

    public static func require(_ p: Principal, _ permission: Permission) throws(AccessDenied) {
        guard may(p, permission) else { throw AccessDenied(action: permission.action) }
    }

    /// The secretariat reads every meeting; a participant those they are invited to; an archivist approved minutes.
    public static func mayRead(_ p: Principal, _ m: Meeting) -> Bool {
        switch p.role {
        case .secretariat: return true
        case .participant: return p.person.map(m.everyone.contains) ?? false
        case .archivist: return m.minutes.isApproved
        }
    }

    /// What a principal may do on one meeting: what its role allows, and, whatever the role, the meeting's chair
    /// approves (and corrects) its minutes and the chair and minute-taker write them.
    public static func may(_ p: Principal, _ permission: Permission, on m: Meeting) -> Bool {
        if may(p, permission) { return true }
        guard let person = p.person else { return false }
        switch permission {
        case .approveMinutes: return person == m.chair
        case .writeMinutes: return person == m.chair || person == m.notulis
        default: return false
        }
    }

    public static func require(_ p: Principal, _ permission: Permission, on m: Meeting) throws(AccessDenied) {
        guard may(p, permission, on: m) else { throw AccessDenied(action: permission.action) }
    }

    public static func requireRead(_ p: Principal, _ m: Meeting) throws(AccessDenied) {
        guard mayRead(p, m) else { throw AccessDenied(action: p.role == .archivist ? .actionReadUnapproved : .actionReadUninvited) }
    }

    /// The meetings of `meetings` the principal may read.
    public static func readable(_ meetings: [Meeting], by p: Principal) -> [Meeting] {
        p.role == .secretariat ? meetings : meetings.filter { mayRead(p, $0) }
    }

    /// Narrows a listing to what the principal may read: a participant's own meetings (in the query itself).
    public static func scope(_ filter: MeetingFilter, for p: Principal) -> MeetingFilter {
        var f = filter
        if p.role == .participant { f.participant = p.person }
        return f
    }

    /// A search narrowed to what the principal may read, so that pages of results are full pages.
    public static func scope(_ query: SearchQuery, for p: Principal) -> SearchQuery {
        var q = query
        switch p.role {
        case .secretariat: break
        case .archivist: q.approvedOnly = true
        case .participant: q.person = p.person
        }
        return q
    }
}
