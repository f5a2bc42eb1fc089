# cmake -DROOT=<source dir> -DLISTED=<build>/listed-sources.txt -P CheckSourceLists.cmake
# Every .cpp, .sql and .ts file in a folder that holds a listed source must be listed itself: sources are
# listed by hand in the CMakeLists.txt files, so a new file that is not listed would silently not be
# built (or a test not run). Folders with no listed file (the GUI when SHOAL_BUILD_GUI=OFF, tests/fuzz
# without SHOAL_FUZZ) are not part of this build and are not checked. Exit 1 with the list of strays.
cmake_policy(VERSION 3.25)
file(STRINGS ${LISTED} listed)
set(folders "")
foreach(file ${listed})
  cmake_path(GET file PARENT_PATH folder)
  list(APPEND folders ${folder})
endforeach()
list(REMOVE_DUPLICATES folders)

set(strays "")
foreach(folder ${folders})
  # A glob here is the check, not a source list: it looks for files the lists forgot.
  file(GLOB present LIST_DIRECTORIES false ${folder}/*.cpp ${folder}/*.sql ${folder}/*.ts)
  foreach(file ${present})
    if(NOT file IN_LIST listed)
      cmake_path(RELATIVE_PATH file BASE_DIRECTORY ${ROOT} OUTPUT_VARIABLE relative)
      list(APPEND strays ${relative})
    endif()
  endforeach()
endforeach()

list(LENGTH folders checked)
if(strays)
  list(JOIN strays "\n  " text)
  message(FATAL_ERROR "Files not in any CMakeLists.txt source list (add them, or move them away):\n  ${text}")
endif()
message(STATUS "Every .cpp/.sql/.ts file of ${checked} folders is listed")
