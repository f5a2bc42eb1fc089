// Options shared by `download` and `seed`: network, discovery, limits and profile; and opening a
// LocalSession with them applied for this run only.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "output.h"
#include "shoal/local_session.h"

namespace shoal::cli {

struct SessionOptions {
    std::string listen;
    std::vector<std::string> peers;
    std::vector<std::string> trackers;
    std::vector<std::string> dhtBootstrap;
    bool noDht = false;
    bool noLsd = false;
    bool noUpnp = false;
    bool noUtp = false;
    std::string encryption;
    std::string profile;
    std::string downLimit;
    std::string upLimit;
    bool json = false;
    bool quiet = false;
    // Not an option: the daemon keeps the library's queue settings; download/seed turn queueing off.
    bool keepQueue = false;

    void addTo(CLI::App& command);
    // Checks values CLI11 cannot (rates); an empty string when all is well. Commands call it before
    // they create anything, so a refused command line writes nothing.
    std::string validate() const;
};

// "2M" -> 2097152, "500k" -> 512000, "1.5G", "1000"; nullopt if malformed.
std::optional<int> parseRate(const std::string& text);

// An opened session and what it listens on.
struct OpenedSession {
    std::unique_ptr<LocalSession> session;
    std::shared_ptr<EventQueue> events;
    std::string address;  // bound address and port, from the Listening event
    int port = 0;
};

// Opens the profile with the options as this run's overrides and waits (bounded) for the listen socket.
// On failure prints one line and returns the exit code.
std::variant<OpenedSession, int> openSession(const SessionOptions& options, Output& out);

}  // namespace shoal::cli
