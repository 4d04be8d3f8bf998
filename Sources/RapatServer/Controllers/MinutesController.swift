import Foundation
import Hummingbird
import RapatCore
import RapatService

/// `/meetings/{id}/minutes`: the notula and its approval.
enum MinutesController {
    struct DecisionBody: Decodable { var text: String; var item: Int? }
    struct ApproveBody: Decodable { var by: String }

    static let routes: [Route] = [
        Route(method: .get, path: "/api/meetings/{id}/minutes", summary: "The minutes",
              responses: [200: "The minutes", 400: "A malformed id", 403: MeetingsController.forbidden, 404: MeetingsController.notFound]) { _, context, s in
            try JSONResponse.make(try await s.archive.meeting(try context.meetingID()).minutes)
        },
        Route(method: .post, path: "/api/meetings/{id}/minutes/decisions", summary: "Record a decision (secretariat, or the meeting's chair or minute-taker)",
              meetingPermission: .writeMinutes,
              body: Schema.object(["text": Schema.string, "item": Schema.integer], required: ["text"]),
              responses: [201: "The decision", 400: "A malformed body", 403: MeetingsController.forbidden, 404: MeetingsController.notFound,
                          422: "The minutes are approved, the item unknown or the text empty"]) { request, context, s in
            let body = try await request.decode(as: DecisionBody.self, context: context)
            return try JSONResponse.make(try await s.minutes.decide(try context.meetingID(), item: body.item, text: body.text).decision, status: .created)
        },
        Route(method: .post, path: "/api/meetings/{id}/minutes/approve", summary: "The chair approves the minutes; they are sealed and frozen",
              meetingPermission: .approveMinutes,
              body: Schema.object(["by": Schema.string], required: ["by"]),
              responses: [200: "The approved minutes", 400: "A malformed body or NIP", 403: MeetingsController.forbidden,
                          404: MeetingsController.notFound, 422: "Not the chair, not held yet, or approved already"]) { request, context, s in
            let body = try await request.decode(as: ApproveBody.self, context: context)
            return try JSONResponse.make(try await s.minutes.approve(try context.meetingID(), by: try PersonID(body.by), at: nil).minutes)
        },
    ]
}
