# Installs the systemd units and the services' settings file. Runs at install time (it is
# included by an install(CODE) rule of packaging/CMakeLists.txt), because the paths written
# into the units depend on the prefix of *this* install: `cmake --install --prefix DIR`,
# or /usr for the Debian package (CPack installs with DESTDIR and prefix /usr).
# Input: NASKAH_PACKAGING_SOURCE_DIR, NASKAH_PACKAGING_BINARY_DIR, NASKAH_INSTALL_BINDIR.
#   prefix /usr:  /lib/systemd/system (Debian 12's place), /etc/naskah/naskah.toml
#   other prefix: PREFIX/lib/systemd/system, PREFIX/etc/naskah/naskah.toml

string(REGEX REPLACE "(.)/+$" "\\1" prefix "${CMAKE_INSTALL_PREFIX}")
if(prefix STREQUAL "/usr")
  set(etc_dir "/etc")
  set(unit_dir "/lib/systemd/system")
else()
  set(etc_dir "${prefix}/etc")
  set(unit_dir "${prefix}/lib/systemd/system")
endif()

# The names the unit templates use.
set(NASKAH_BINDIR "${prefix}/${NASKAH_INSTALL_BINDIR}")
set(NASKAH_CONFIG_FILE "${etc_dir}/naskah/naskah.toml")

# One folder per prefix: cpack and the install test may run at the same time.
string(MD5 prefix_hash "${prefix}")
set(units_dir "${NASKAH_PACKAGING_BINARY_DIR}/units-${prefix_hash}")
set(units naskah-watch.service naskah-serve.service naskah-remind.service naskah-remind.timer)
foreach(unit ${units})
  configure_file("${NASKAH_PACKAGING_SOURCE_DIR}/systemd/${unit}.in" "${units_dir}/${unit}" @ONLY)
endforeach()
list(TRANSFORM units PREPEND "${units_dir}/")
file(INSTALL ${units}
     DESTINATION "${unit_dir}" FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

# Never overwrite settings an admin has edited (the package's own upgrades are dpkg's job:
# the file is a conffile there).
if(EXISTS "$ENV{DESTDIR}${NASKAH_CONFIG_FILE}")
  message(STATUS "Kept: $ENV{DESTDIR}${NASKAH_CONFIG_FILE}")
else()
  file(INSTALL "${NASKAH_PACKAGING_SOURCE_DIR}/naskah.toml" DESTINATION "${etc_dir}/naskah"
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endif()
