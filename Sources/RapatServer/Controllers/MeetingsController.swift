import Foundation
import Hummingbird
import RapatCore
import RapatService
import RapatStore

/// `/meetings`: planning, agendas and running a meeting.
enum MeetingsController {
    struct CheckInBody: Decodable { var nip: String; var category: String?; var at: String?; var representative: String?; var note: String? }
    struct StepBody: Decodable { var at: String?; var reason: String? }

    static let notFound = "No meeting with this id", forbidden = "The principal may not do this (or read this meeting)"

    static let routes: [Route] = [
        Route(method: .get, path: "/api/meetings", summary: "Meetings: all (secretariat), own (participant), approved (archivist)",
              query: [.query("from", "From this date (YYYY-MM-DD) or time"), .query("to", "Up to and including this date, or before this time"),
                      .query("opd", "With someone of this OPD"), .query("status", "scheduled, started, ended or cancelled")],
              responses: [200: "The meetings", 400: "A malformed date or status"]) { request, _, s in
            let q = request.uri.queryParameters
            let filter = MeetingFilter(from: try q.get("from").map { try Bounds.lower($0, zone: Zone.jakarta) },
                                       to: try q.get("to").map { try Bounds.upper($0, zone: Zone.jakarta) }, opd: q.get("opd"),
                                       status: try q.get("status").map { try MeetingStatus.parse($0) })
            return try JSONResponse.make(try await s.archive.meetings(filter))
        },
        Route(method: .post, path: "/api/meetings", summary: "Plan a meeting, or a series with 'repeat' (secretariat)", permission: .planMeetings,
              body: Schema.object(["title": Schema.string, "kind": Schema.string, "chair": Schema.string, "notulis": Schema.string,
                                   "participants": Schema.array(Schema.string), "start": Schema.string,
                                   "end": ["type": "string", "description": "A full time, or HH:MM on the start day"],
                                   "minutes": ["type": "integer", "description": "Length, instead of end"], "timeZone": Schema.string,
                                   "link": Schema.string, "location": Schema.string, "agenda": Schema.array(Schema.agendaItem),
                                   "repeat": ["type": "string", "description": "RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=3WE;COUNT=6"],
                                   "except": Schema.array(Schema.string)],
                                  required: ["title", "chair", "start"]),
              responses: [201: "Planned; Location names the (first) meeting, the body lists every meeting planned",
                          400: "A malformed body, time, NIP or link", 403: "Not the secretariat",
                          409: "Someone is double-booked; 'conflict' names the other meeting", 422: "A planning rule refuses it"]) { request, context, s in
            let created = try await s.planning.plan(try await request.decode(as: PlanRequest.self, context: context))
            let location = "/api/meetings/\(created[0].id)"
            return try JSONResponse.make(created.count == 1 ? AnyEncodable(created[0]) : AnyEncodable(created), status: .created, headers: [.location: location])
        },
        Route(method: .get, path: "/api/meetings/{id}", summary: "One meeting",
              responses: [200: "The meeting", 400: "A malformed id", 403: forbidden, 404: notFound]) { _, context, s in
            guard let cache = s.meetings else { return try JSONResponse.make(try await s.archive.meeting(try context.meetingID())) }
            let body = try await s.archive.meeting(try context.meetingID(), cache: cache) { m in Array(try JSONResponse.encoder.encode(m)) }
            return JSONResponse.make(encoded: ByteBuffer(bytes: body))
        },
        Route(method: .get, path: "/api/meetings/{id}/agenda", summary: "The agenda with time boxes and actual times",
              responses: [200: "The agenda", 400: "A malformed id", 403: forbidden, 404: notFound]) { _, context, s in
            try JSONResponse.make(try await s.archive.meeting(try context.meetingID()).agenda)
        },
        Route(method: .post, path: "/api/meetings/{id}/agenda", summary: "Add an agenda item (secretariat)", permission: .changeAgenda, body: Schema.agendaItem,
              responses: [201: "The agenda", 400: "A malformed body", 403: forbidden, 404: notFound,
                          422: "The agenda no longer fits, or the meeting is no longer planned"]) { request, context, s in
            let item = try await request.decode(as: PlanRequest.Item.self, context: context)
            let m = try await s.planning.addAgendaItem(try context.meetingID(), item)
            return try JSONResponse.make(m.agenda, status: .created, headers: [.location: "/api/meetings/\(m.id)/agenda"])
        },
        Route(method: .post, path: "/api/meetings/{id}/start", summary: "Start the meeting; a late start needs a reason (secretariat)", permission: .runMeetings, body: Schema.step,
              responses: [200: "The meeting", 400: "A malformed body or time", 403: forbidden, 404: notFound,
                          422: "Late without a reason, too early, or not scheduled"]) { request, context, s in
            let body = try await step(request)
            return try JSONResponse.make(try await s.room.start(try context.meetingID(), at: body.at, reason: body.reason))
        },
        Route(method: .post, path: "/api/meetings/{id}/checkins", summary: "Record attendance; a participant only their own",
              body: Schema.object(["nip": Schema.string, "category": Schema.string, "at": Schema.string, "representative": Schema.string,
                                   "note": Schema.string], required: ["nip"]),
              responses: [201: "The attendance recorded", 400: "A malformed body, NIP or category", 403: forbidden, 404: notFound,
                          422: "Not invited, or the meeting is not running"]) { request, context, s in
            let body = try await request.decode(as: CheckInBody.self, context: context)
            let (_, attendance) = try await s.room.checkIn(try context.meetingID(), try PersonID(body.nip), as: try AttendanceCategory.parse(body.category ?? "hadir"),
                                                           at: body.at, representative: body.representative, note: body.note)
            return try JSONResponse.make(attendance, status: .created)
        },
        Route(method: .post, path: "/api/meetings/{id}/next", summary: "Close the running agenda item and open the next (secretariat)", permission: .runMeetings, body: Schema.step,
              responses: [200: "The meeting", 400: "A malformed body or time", 403: forbidden, 404: notFound, 422: "Not running, or no item left"]) { request, context, s in
            try JSONResponse.make(try await s.room.next(try context.meetingID(), at: try await step(request).at).after)
        },
        Route(method: .post, path: "/api/meetings/{id}/end", summary: "End the meeting (secretariat)", permission: .runMeetings, body: Schema.step,
              responses: [200: "The meeting", 400: "A malformed body or time", 403: forbidden, 404: notFound, 422: "Not running"]) { request, context, s in
            try JSONResponse.make(try await s.room.end(try context.meetingID(), at: try await step(request).at))
        },
    ]

    /// A step's optional body: `{"at": "...", "reason": "..."}`, or nothing for "now".
    static func step(_ request: Request) async throws -> StepBody {
        let buffer = try await request.body.collect(upTo: RapatContext.bodyLimit)
        guard buffer.readableBytes > 0 else { return StepBody(at: nil, reason: nil) }
        return try JSONDecoder().decode(StepBody.self, from: Data(buffer.readableBytesView))
    }
}
