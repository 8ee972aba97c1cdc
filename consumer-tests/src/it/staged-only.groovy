// Shared by the consumer builds' verify.groovy (evaluated there): the artifacts of ours that this
// consumer needs are in the consumer builds' local repository (which they share, emptied of ours
// before the first), every artifact of ours there is a published one (never our parent POM), and
// each came from the staged release (repository id "staging"). Maven's _remote.repositories file records, for
// each file it downloaded, the repository it came from.
def checkStagedOnly = { File localRepository, List<String> expected ->
    File ours = new File(localRepository, 'com/eusate')
    List<String> found = (ours.listFiles() ?: []).findAll { it.isDirectory() }.collect { it.name }.sort()
    println "Our artifacts in the consumer's local repository: ${found}"
    assert found.containsAll(expected) : "expected ${expected} of ours in ${ours}, found ${found}"
    List<String> published = ['sate-login-middleware', 'sate-login-middleware-javax', 'sate-login-spring-boot-starter']
    assert published.containsAll(found) : "unpublished artifacts of ours in ${ours}: ${found - published}"
    ours.eachFileRecurse { File f ->
        if (f.name == '_remote.repositories') {
            f.readLines().findAll { it && !it.startsWith('#') }.each { line ->
                assert line.endsWith('>staging=') : "${f}: ${line} did not come from the staged release"
            }
        }
    }
    println "Each file of ours came from the staged release (repository 'staging') alone."
}
return checkStagedOnly
