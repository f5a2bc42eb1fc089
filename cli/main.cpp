// shoal: the headless front end. Parses the command line, runs one subcommand, returns its exit code.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

#include "commands.h"
#include "exit_codes.h"

int main(int argc, char** argv) {
    using namespace shoal::cli;
    // libtorrent and the store log through spdlog; a CLI shows only warnings and errors on stderr.
    spdlog::set_level(spdlog::level::warn);
    spdlog::set_pattern("shoal: %v");

    CLI::App app{"Shoal: a BitTorrent client for power users, seedboxes and swarm tests", "shoal"};
    app.set_version_flag("--version", "shoal " SHOAL_VERSION);
    app.require_subcommand(1);
    app.footer(
        "Exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad input (file, magnet, hash, output dir).\n"
        "Run 'shoal COMMAND --help' for a command's options.");
    std::function<int()> run;
    addCreateCommand(app, run);
    addInfoCommand(app, run);
    addDownloadCommand(app, run);
    addSeedCommand(app, run);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "shoal: " << e.what() << "\n";
        return kUsage;
    }
    return run ? run() : kUsage;
}
