// What the CLI prints: NDJSON events with --json, otherwise human lines and a progress bar on a TTY.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

namespace shoal::cli {

class Output {
public:
    Output(bool json, bool quiet);

    bool json() const { return json_; }
    void event(const nlohmann::json& event);  // --json only: one line on stdout
    void line(const std::string& text);       // human mode only (not --quiet): one line on stdout
    // A progress line: redrawn in place on a TTY (stderr); elsewhere printed every few seconds.
    void progress(const std::string& text, bool force = false);
    void endProgress();
    // One line "shoal: message" on stderr, an "error" event with --json; returns `code` for main().
    int fail(int code, const std::string& message);

private:
    bool json_;
    bool quiet_;
    bool tty_;
    bool progressShown_ = false;
    std::chrono::steady_clock::time_point lastPlain_{};
};

// Every JSON the CLI prints goes through this: strings are made valid UTF-8 where they enter Shoal
// (shoal/text.h), and invalid bytes that slip through anyway become U+FFFD here instead of aborting
// with nlohmann's type_error 316.
std::string jsonText(const nlohmann::json& value, int indent = -1);

std::string humanBytes(double bytes);
std::string humanDuration(std::int64_t seconds);  // "1:02:03", "--" for < 0

}  // namespace shoal::cli
