// Where a user's library lives when no --profile is given (XDG base directory spec).
#include <cstdlib>

#include "shoal/local_session.h"

namespace shoal {

std::filesystem::path defaultProfileDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "shoal";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "shoal";
    return std::filesystem::current_path() / ".shoal";
}

}  // namespace shoal
