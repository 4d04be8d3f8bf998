import Foundation
import RapatCore

/// What an export needs beyond the meetings: who sends it, who the people are, when it is made.
public struct CalendarOptions: Sendable {
    public var organizerName: String
    public var organizerEmail: String
    public var people: [PersonID: Person]
    /// DTSTAMP of every component: when the iTIP message or feed was made.
    public var stamp: Date
    /// Reminders, in minutes before the start: the meeting starts on time.
    public var alarmMinutes: [Int]
    public var language: Language

    public static let productID = "-//Rapat//Rapat 0.1//ID"

    public init(organizerName: String = "Sekretariat Daerah", organizerEmail: String = "sekretariat@rapat.invalid",
                people: [PersonID: Person], stamp: Date, alarmMinutes: [Int] = [15, 5], language: Language = .id) {
        self.organizerName = organizerName
        self.organizerEmail = organizerEmail
        self.people = people
        self.stamp = stamp
        self.alarmMinutes = alarmMinutes
        self.language = language
    }
}
