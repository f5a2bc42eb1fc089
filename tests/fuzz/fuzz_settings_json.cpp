// Fuzz target: the settings JSON kept in the library (settingsFromJson), then what a session does with
// what it read: validate, the alt-speed schedule, and the round trip back to JSON. Invariant: settings
// that were read are written and read back unchanged (a library must not drift across restarts).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "shoal/settings.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto read = shoal::settingsFromJson(text);
    if (!read) return 0;
    const shoal::Settings& settings = read.value();
    (void)shoal::validate(settings);
    (void)shoal::altSpeedActive(settings, 1700000000);  // a Tuesday, 22:13 UTC
    const std::string written = shoal::settingsToJson(settings);
    auto again = shoal::settingsFromJson(written);
    if (!again || !(again.value() == settings)) {
        std::fprintf(stderr, "settings changed in a JSON round trip: %s\n", written.c_str());
        std::abort();
    }
    return 0;
}
