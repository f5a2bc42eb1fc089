# Man page (from the CLI's own --help, plus packaging/shoal.h2m) and CPack: `cpack -G DEB` in the build
# dir makes shoal_<version>_<arch>.deb with bin/shoal and its man page, dependencies from dpkg-shlibdeps.
find_program(HELP2MAN help2man)
find_program(GZIP gzip)
if(TARGET shoal AND HELP2MAN AND GZIP)
  set(SHOAL_MAN ${CMAKE_BINARY_DIR}/shoal.1)
  add_custom_command(
    OUTPUT ${SHOAL_MAN}.gz
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --help-option=--help-all
            --name "BitTorrent client for power users, seedboxes and swarm tests"
            --include ${PROJECT_SOURCE_DIR}/packaging/shoal.h2m --output ${SHOAL_MAN} $<TARGET_FILE:shoal>
    COMMAND ${GZIP} -9nf ${SHOAL_MAN}
    DEPENDS shoal ${PROJECT_SOURCE_DIR}/packaging/shoal.h2m
    COMMENT "Generating the shoal(1) man page"
    VERBATIM)
  add_custom_target(shoal_man ALL DEPENDS ${SHOAL_MAN}.gz)
  install(FILES ${SHOAL_MAN}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# The daemon's systemd unit (`systemctl enable --now shoal-daemon`); the path systemd reads on Debian.
if(TARGET shoal)
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/shoal-daemon.service DESTINATION lib/systemd/system)
endif()

set(CPACK_PACKAGE_NAME shoal)
set(CPACK_PACKAGE_VENDOR "Shoal")
set(CPACK_PACKAGE_CONTACT "Shoal developers <dev@shoal.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# shoal-gui loads these as plugins, which dpkg-shlibdeps cannot see: the X11 (xcb) platform and the SVG
# icon engine that draws the app icon.
if(TARGET shoal-gui)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
endif()
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
