// The alternative-speed switch and schedule (Settings::altSpeed*), their JSON round trip and validation.
#include <gtest/gtest.h>

#include <ctime>

#include "shoal/settings.h"

namespace shoal {
namespace {

// Unix seconds of a local date and time (the schedule is in local time).
std::int64_t localTime(int year, int month, int day, int hour, int minute) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm));
}

TEST(AltSpeed, TheSwitchWinsOverTheSchedule) {
    Settings s;
    EXPECT_FALSE(altSpeedActive(s, localTime(2026, 11, 30, 12, 0)));
    s.altSpeedEnabled = true;
    EXPECT_TRUE(altSpeedActive(s, localTime(2026, 11, 30, 12, 0)));
}

TEST(AltSpeed, ScheduleWithinADay) {
    Settings s;
    s.altSpeedScheduled = true;
    s.altSpeedBeginMinute = 9 * 60;
    s.altSpeedEndMinute = 17 * 60;
    s.altSpeedDays = 0b0111110;  // Monday..Friday
    // 2026-11-30 is a Monday, 2026-12-05 a Saturday.
    EXPECT_FALSE(altSpeedActive(s, localTime(2026, 11, 30, 8, 59)));
    EXPECT_TRUE(altSpeedActive(s, localTime(2026, 11, 30, 9, 0)));
    EXPECT_TRUE(altSpeedActive(s, localTime(2026, 11, 30, 16, 59)));
    EXPECT_FALSE(altSpeedActive(s, localTime(2026, 11, 30, 17, 0)));
    EXPECT_FALSE(altSpeedActive(s, localTime(2026, 12, 5, 12, 0)));
}

TEST(AltSpeed, AWindowAcrossMidnightBelongsToTheDayItBegan) {
    Settings s;
    s.altSpeedScheduled = true;
    s.altSpeedBeginMinute = 22 * 60;
    s.altSpeedEndMinute = 6 * 60;
    s.altSpeedDays = 1 << 5;  // Friday only
    // Friday 2026-12-04 23:00 and the night into Saturday 03:00 are in; Saturday 23:00 is not.
    EXPECT_TRUE(altSpeedActive(s, localTime(2026, 12, 4, 23, 0)));
    EXPECT_TRUE(altSpeedActive(s, localTime(2026, 12, 5, 3, 0)));
    EXPECT_FALSE(altSpeedActive(s, localTime(2026, 12, 5, 23, 0)));
    EXPECT_FALSE(altSpeedActive(s, localTime(2026, 12, 4, 3, 0)));  // Thursday night's tail
}

TEST(AltSpeed, FieldsSurviveJsonAndAreValidated) {
    Settings s;
    s.altDownloadLimit = 100000;
    s.altUploadLimit = 20000;
    s.altSpeedScheduled = true;
    s.altSpeedBeginMinute = 60;
    s.altSpeedEndMinute = 120;
    s.altSpeedDays = 0b1000001;
    s.incompleteSavePath = "/tmp/incomplete";
    auto back = settingsFromJson(settingsToJson(s));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back.value(), s);

    s.altSpeedBeginMinute = 24 * 60;
    auto bad = validate(s);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("alt_speed_begin_minute"), std::string::npos);
    s.altSpeedBeginMinute = 0;
    s.altDownloadLimit = -1;
    EXPECT_FALSE(validate(s).ok());
}

}  // namespace
}  // namespace shoal
