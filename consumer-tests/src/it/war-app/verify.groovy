// Runs after the consumer build (invoker postBuildHookScript). The WAR an integrator deploys must
// hold one release of Jackson: jackson-core 2.15 beside jackson-databind 2.21 is what broke Allow in
// a standalone Tomcat (NoSuchMethodError BufferRecycler.releaseToPool() from JWTCreator).
import java.util.zip.ZipFile

String log = new File(basedir, 'build.log').getText('UTF-8')

// First what the consumer resolved, into the outer build's output, so that a failure below shows why:
// the lines of `dependency:tree` (which the invoker ran first) on our library, java-jwt and Jackson.
List<String> tree = log.readLines().dropWhile { !(it.contains('maven-dependency-plugin') && it.contains(':tree')) }
        .drop(1).takeWhile { !it.contains('------') }
        .findAll { it.contains('com.eusate:') || it.contains('com.auth0:') || it.contains('com.fasterxml.jackson') }
println "The consumer's dependency tree, our library, java-jwt and Jackson:\n${tree.join('\n')}"

File war = new File(basedir, 'target/consumer-app.war')
assert war.isFile() : "the consumer build made no WAR at ${war}"
List<String> jackson = new ZipFile(war).withCloseable { zip -> zip.entries().collect { it.name } }
        .findAll { it.startsWith('WEB-INF/lib/jackson-') && it.endsWith('.jar') }
        .collect { it.substring('WEB-INF/lib/'.length()) }.sort()
println "Jackson in the consumer WAR's WEB-INF/lib: ${jackson.join(', ')}"

Map<String, List<String>> versions = [:].withDefault { [] }
jackson.each { jar ->
    def m = jar =~ /^(jackson-[a-z0-9-]+?)-(\d+\.\d+.*)\.jar$/
    assert m.matches() : "unexpected Jackson jar name ${jar}"
    versions[m.group(1)] << m.group(2)
}
['jackson-core', 'jackson-databind', 'jackson-annotations'].each { name ->
    assert versions[name].size() == 1 : "${name}: expected exactly one jar, found ${versions[name]} in ${jackson}"
}
String core = versions['jackson-core'][0]
String databind = versions['jackson-databind'][0]
String annotations = versions['jackson-annotations'][0]
assert core == databind : "jackson-core ${core} and jackson-databind ${databind} are different releases"
// Since 2.20 jackson-annotations carries only major.minor ("2.21" beside 2.21.3); before, the full version.
String line = core.tokenize('.').take(2).join('.')
assert annotations == core || annotations == line :
        "jackson-annotations ${annotations} is not of the release of jackson-core ${core}"

// The invoker passed the test API key and signing secret to this build through the environment:
// neither may appear in what Maven, Cargo or the tests printed.
assert !log.contains(apiKey) : 'the API key appears in build.log'
assert !log.contains(signingSecret) : 'the signing secret appears in build.log'
// Its tests ran (a build with no test to run would pass as well) and passed.
assert log =~ /Tests run: [1-9]\d*, Failures: 0, Errors: 0, Skipped: 0\n/ : 'the consumer build ran no test'

// Our artifacts came from the staged release alone (../staged-only.groovy).
evaluate(new File(stagedOnlyScript))(new File(localRepositoryPath.toString()), ['sate-login-middleware'])
return true
