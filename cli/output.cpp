// Output rendering shared by every subcommand.
#include "output.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "shoal/text.h"

namespace shoal::cli {

Output::Output(bool json, bool quiet) : json_(json), quiet_(quiet), tty_(::isatty(STDERR_FILENO) != 0) {}

void Output::event(const nlohmann::json& event) {
    if (!json_) return;
    std::cout << jsonText(event) << '\n' << std::flush;
}

void Output::line(const std::string& text) {
    if (json_ || quiet_) return;
    endProgress();
    std::cout << text << '\n' << std::flush;
}

void Output::progress(const std::string& text, bool force) {
    if (json_ || quiet_) return;
    if (tty_) {
        std::cerr << "\r\033[K" << text << std::flush;
        progressShown_ = true;
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - lastPlain_ < std::chrono::seconds(3)) return;
    lastPlain_ = now;
    std::cout << text << '\n' << std::flush;
}

void Output::endProgress() {
    if (progressShown_) std::cerr << '\n' << std::flush;
    progressShown_ = false;
}

int Output::fail(int code, const std::string& message) {
    endProgress();
    // Messages name what the user gave (a path, a magnet), which may not be UTF-8.
    const std::string text = validUtf8(message);
    std::cerr << "shoal: " << text << '\n' << std::flush;
    event({{"event", "error"}, {"code", code}, {"message", text}});
    return code;
}

std::string jsonText(const nlohmann::json& value, int indent) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string humanBytes(double bytes) {
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    while (bytes >= 1024 && unit < 4) {
        bytes /= 1024;
        ++unit;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, unit == 0 ? "%.0f %s" : "%.1f %s", bytes, units[unit]);
    return buf;
}

std::string humanDuration(std::int64_t seconds) {
    if (seconds < 0) return "--";
    char buf[32];
    if (seconds >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                      static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(seconds / 60),
                      static_cast<long long>(seconds % 60));
    return buf;
}

}  // namespace shoal::cli
