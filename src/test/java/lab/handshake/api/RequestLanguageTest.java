package lab.handshake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.handshake.engine.Language;
import org.junit.jupiter.api.Test;

/** The one order of a reader's language: chosen here, then the LMS's, then the browser's, then English. */
class RequestLanguageTest {

    @Test
    void languageChosenHereOutweighsTheLmsOfALaterLaunch() {
        assertEquals(Language.EN, RequestLanguage.remembered("en", Language.ZH, "zh-CN"));
        assertTrue(RequestLanguage.chosenHere("en"));
    }

    @Test
    void lmsLanguageOfALaunchReplacesAnEarlierLaunchsAndTheBrowsers() {
        assertEquals(Language.ZH, RequestLanguage.remembered(RequestLanguage.fromLms(Language.EN), Language.ZH, "en"));
        assertEquals(Language.ZH, RequestLanguage.remembered(null, Language.ZH, "en-US"));
        assertFalse(RequestLanguage.chosenHere(RequestLanguage.fromLms(Language.ZH)));
    }

    @Test
    void lmsLanguageKeptFromALaunchOutweighsTheBrowserUntilTheReaderChooses() {
        assertEquals(Language.ZH, RequestLanguage.remembered(RequestLanguage.fromLms(Language.ZH), "en"));
        assertEquals(Language.ZH, RequestLanguage.resolve(null, "lms.zh", "en"));
        assertEquals(Language.EN, RequestLanguage.resolve("en", "lms.zh", "zh"));
    }

    @Test
    void cookieHoldingNoLanguageOfOursLeavesTheBrowsersThenEnglish() {
        assertEquals(Language.ZH, RequestLanguage.remembered("lms.fr", "zh"));
        assertEquals(Language.ZH, RequestLanguage.remembered("fr", "zh"));
        assertFalse(RequestLanguage.chosenHere("lms.fr"));
        assertFalse(RequestLanguage.chosenHere("fr"));
        assertEquals(Language.EN, RequestLanguage.remembered(null, "fr-FR"));
    }
}
