# cmake -DROOT=<source dir> -P CheckLayerIncludes.cmake
# The include side of the layering (docs/architecture.md): which project headers ("...") and which
# libraries (<...>) each folder may include. The link side is checked by the build itself
# (shoal_layer_link_check in cmake/Layers.cmake). Exit 1 with one line per broken rule.
#
# check(<folder> <regex a "..." include must match> <regex no include line may match>)
# Public headers other than the one a layer implements or uses are named where they matter: the RPC is
# written against the Session interface (never LocalSession), the store knows only the value types.
cmake_policy(VERSION 3.25)
set(broken "")
set(files_checked 0)
function(check folder allowed forbidden)
  file(GLOB_RECURSE files LIST_DIRECTORIES false ${ROOT}/${folder}/*.cpp ${ROOT}/${folder}/*.h)
  foreach(file ${files})
    math(EXPR files_checked "${files_checked} + 1")
    cmake_path(RELATIVE_PATH file BASE_DIRECTORY ${ROOT} OUTPUT_VARIABLE relative)
    file(STRINGS ${file} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]")
    foreach(line ${lines})
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*" "" included "${line}")
      string(REGEX REPLACE "[ \t]*//.*$" "" included "${included}")
      if(included MATCHES "${forbidden}")
        list(APPEND broken "${relative}: ${included} (not allowed in ${folder}/)")
      elseif(included MATCHES "^\"([^\"]+)\"" AND NOT CMAKE_MATCH_1 MATCHES "${allowed}")
        list(APPEND broken "${relative}: ${included} (${folder}/ may include only ${allowed})")
      endif()
    endforeach()
  endforeach()
  set(broken ${broken} PARENT_SCOPE)
  set(files_checked ${files_checked} PARENT_SCOPE)
endfunction()

set(api "shoal/(add_request|create|event_hub|events|metainfo|session|settings|status|text|types)\\.h$")
set(internals "\"(engine|store|input|create|rpc)/")
# Public headers: plain C++ values and interfaces, no library types (values cross boundaries, handles
# do not).
check(core/include/shoal "^shoal/[a-z_]+\\.h$" "^<(libtorrent|boost|sqlite3|nlohmann|spdlog|fmt|Q)")
check(core/input "^(input/|shoal/(add_request|metainfo|text|types)\\.h$)" "^<(sqlite3|boost/beast|Q)")
check(core/store "^(store/|shoal/types\\.h$)" "^<(libtorrent|boost|Q)")
check(core/create "^(create/|input/|shoal/(create|types)\\.h$)" "^<(sqlite3|boost/beast|Q)")
check(core/engine "^(engine/|input/|store/|${api}|shoal/local_session\\.h$)" "^<(sqlite3|boost/beast|Q)")
# The RPC serves and implements the Session interface: no LocalSession, no libtorrent.
check(core/rpc "^(rpc/|${api}|shoal/(remote_session|rpc_server)\\.h$)" "^<(libtorrent|sqlite3|Q)")
# Front ends and the swarm lab: the public API only, never a core folder's own headers.
check(cli "^(shoal/|[^/]+$)" "${internals}")
check(swarm "^(shoal/|[^/]+$)" "${internals}")
check(gui "^(shoal/|(app|model|widgets|details|dialogs)/|[^/]+$)" "${internals}")

if(broken)
  list(JOIN broken "\n  " text)
  message(FATAL_ERROR "Includes that cross a layer the wrong way:\n  ${text}")
endif()
message(STATUS "Layer includes hold in ${files_checked} files")
