# Tests of the documentation corpus and search index (mcpd/corpus, mcpd/search). Include
# this from tests/CMakeLists.txt after add_executable(mcpd_tests ...):
#   include(mcpd/corpus_tests.cmake)
# It sets MCPD_CORPUS_TEST_SOURCES and, when the target mcpd_tests exists, adds them to it.
set(MCPD_CORPUS_TEST_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/corpus/builtin_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/corpus/corpus_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/corpus/document_id_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/corpus/index_json_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/corpus/markdown_folder_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/corpus/remote_source_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/search/index_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/search/languages_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../shared/lru_cache_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/search/query_text_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/search/snippet_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/corpus/language_tag_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/corpus/markdown_language_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/search/markdown_text_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/search/multilingual_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/search/bm25_scorer_test.cpp
)

if(TARGET mcpd_tests)
  target_sources(mcpd_tests PRIVATE ${MCPD_CORPUS_TEST_SOURCES})
endif()
