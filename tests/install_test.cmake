# Installs the build into DEST (a staging prefix) and checks what an operator needs is there:
# the binary and its OCR plugin, both systemd units starting the installed binary with the
# installed settings, those settings (valid), the example settings and the man page.
file(REMOVE_RECURSE "${DEST}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${DEST}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
foreach(f bin/naskah lib/naskah/libnaskah_ocr.so lib/naskah/libnaskah_web.so
          lib/systemd/system/naskah-watch.service lib/systemd/system/naskah-serve.service
          lib/systemd/system/naskah-remind.service lib/systemd/system/naskah-remind.timer
          etc/naskah/naskah.toml share/doc/naskah/naskah.example.toml
          share/man/man1/naskah.1.gz)
  if(NOT EXISTS "${DEST}/${f}")
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
foreach(cmd watch serve remind)
  file(READ "${DEST}/lib/systemd/system/naskah-${cmd}.service" unit)
  if(NOT unit MATCHES "ExecStart=/[^\n]*/naskah ${cmd} --config /")
    message(FATAL_ERROR "the unit does not start naskah ${cmd}:\n${unit}")
  endif()
  # The units name this install's binary and settings, not those of another prefix.
  string(FIND "${unit}" "ExecStart=${DEST}/bin/naskah ${cmd} --config ${DEST}/etc/naskah/naskah.toml\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "naskah-${cmd}.service points elsewhere than ${DEST}:\n${unit}")
  endif()
endforeach()
execute_process(COMMAND "${DEST}/bin/naskah" watch --help RESULT_VARIABLE rc OUTPUT_VARIABLE help)
if(NOT rc EQUAL 0 OR NOT help MATCHES "until-idle")
  message(FATAL_ERROR "the installed naskah does not run: ${rc}")
endif()
# The installed settings are valid (exit 2 otherwise) and set the services' data folder.
execute_process(COMMAND "${DEST}/bin/naskah" --config "${DEST}/etc/naskah/naskah.toml" config show
                RESULT_VARIABLE rc OUTPUT_VARIABLE shown ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT shown MATCHES "data_dir +/var/lib/naskah +\\(file\\)")
  message(FATAL_ERROR "the installed naskah.toml is refused (${rc}): ${err}${shown}")
endif()
# The man page is gzip'd roff with a section for every command, written from --help.
execute_process(COMMAND gzip -dc "${DEST}/share/man/man1/naskah.1.gz" OUTPUT_VARIABLE man RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT man MATCHES "\\.TH NASKAH 1" OR NOT man MATCHES "\\.SS \"naskah serve "
   OR NOT man MATCHES "until\\\\-idle")
  message(FATAL_ERROR "the man page is not what naskah --help says (${rc}):\n${man}")
endif()
# A second install keeps settings an admin has edited.
file(APPEND "${DEST}/etc/naskah/naskah.toml" "# edited by the admin\n")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${DEST}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
file(READ "${DEST}/etc/naskah/naskah.toml" settings)
if(NOT rc EQUAL 0 OR NOT settings MATCHES "edited by the admin")
  message(FATAL_ERROR "a second cmake --install overwrote naskah.toml (${rc})")
endif()
file(REMOVE_RECURSE "${DEST}")
