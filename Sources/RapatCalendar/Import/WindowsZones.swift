import Foundation

/// Windows time zone names (as Outlook writes them in TZID) to IANA zones; for the offsets used in
/// Indonesia the Indonesian zone is chosen, so meetings show WIB, WITA or WIT.
enum WindowsZones {
    static let iana: [String: String] = [
        "SE Asia Standard Time": "Asia/Jakarta",
        "Singapore Standard Time": "Asia/Makassar",
        "Malay Peninsula Standard Time": "Asia/Makassar",
        "Tokyo Standard Time": "Asia/Jayapura",
        "UTC": "UTC", "Coordinated Universal Time": "UTC", "GMT Standard Time": "Europe/London",
        "Greenwich Standard Time": "Atlantic/Reykjavik", "W. Europe Standard Time": "Europe/Berlin",
        "Romance Standard Time": "Europe/Paris", "Central Europe Standard Time": "Europe/Budapest",
        "Central European Standard Time": "Europe/Warsaw", "E. Europe Standard Time": "Europe/Chisinau",
        "FLE Standard Time": "Europe/Kiev", "GTB Standard Time": "Europe/Bucharest", "Russian Standard Time": "Europe/Moscow",
        "Turkey Standard Time": "Europe/Istanbul", "Arabian Standard Time": "Asia/Dubai", "Arab Standard Time": "Asia/Riyadh",
        "Pakistan Standard Time": "Asia/Karachi", "India Standard Time": "Asia/Kolkata", "Bangladesh Standard Time": "Asia/Dhaka",
        "Myanmar Standard Time": "Asia/Yangon", "China Standard Time": "Asia/Shanghai", "Taipei Standard Time": "Asia/Taipei",
        "W. Australia Standard Time": "Australia/Perth", "Korea Standard Time": "Asia/Seoul",
        "AUS Eastern Standard Time": "Australia/Sydney", "E. Australia Standard Time": "Australia/Brisbane",
        "New Zealand Standard Time": "Pacific/Auckland", "Eastern Standard Time": "America/New_York",
        "Central Standard Time": "America/Chicago", "Mountain Standard Time": "America/Denver",
        "Pacific Standard Time": "America/Los_Angeles", "Hawaiian Standard Time": "Pacific/Honolulu",
        "Egypt Standard Time": "Africa/Cairo", "South Africa Standard Time": "Africa/Johannesburg",
        "Saudi Arabia Standard Time": "Asia/Riyadh", "N. Central Asia Standard Time": "Asia/Novosibirsk",
    ]
}
