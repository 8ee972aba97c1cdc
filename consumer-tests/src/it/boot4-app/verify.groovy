// Runs after the Spring Boot 4 consumer build (invoker postBuildHookScript): it must have resolved
// our artifacts from the staged release alone, and printed neither test secret.
String log = new File(basedir, 'build.log').getText('UTF-8')
assert !log.contains(apiKey) : 'the API key appears in build.log'
assert !log.contains(signingSecret) : 'the signing secret appears in build.log'
// Its tests ran (a build with no test to run would pass as well) and passed.
assert log =~ /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0\n/ : 'the consumer build ran no test'

// Our artifacts came from the staged release alone (../staged-only.groovy).
evaluate(new File(stagedOnlyScript))(new File(localRepositoryPath.toString()), ['sate-login-middleware', 'sate-login-spring-boot-starter'])
return true
