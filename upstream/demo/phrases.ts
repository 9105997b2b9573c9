import type { SeededLocale } from '@workstation/protocol';

/**
 * Synthetic text per locale. Everything here is invented, benign filler except the
 * red-flag threads, which use deliberately mild, obviously fictional wording so the
 * lexicon features have something to find.
 */
export interface LocalePhrases {
  captions: readonly string[];
  comments: readonly string[];
  /** Ordinary two-person exchanges; each inner list alternates sender and recipient. */
  threads: readonly (readonly string[])[];
  /** Grooming-style red-flag exchanges, alternating the older sender and the recipient. */
  redFlagThreads: readonly (readonly string[])[];
  bios: readonly string[];
  firstNames: readonly string[];
  lastNames: readonly string[];
}

export const PHRASES: Record<SeededLocale, LocalePhrases> = {
  en: {
    captions: [
      'Sunday walk by the river, the light was unreal',
      'Finally finished the mural in the kitchen',
      'New recipe test: lemon and thyme bread',
      'Training for the 10k, week three',
      'Found this old tram ticket in a book',
      'Garden update: the tomatoes survived the storm',
      'Cheap flights are back, who is coming?',
      'My cat has claimed the new chair',
      'Throwback to the summer festival',
      'Clearing out the garage, everything must go',
      'Sketchbook page from the train ride',
      'Morning coffee and a very loud seagull',
      'Limited offer! Click the link in my bio to win a phone',
      'Band practice went late again',
      'Quiet evening with a puzzle',
    ],
    comments: [
      'Love this!',
      'Where was this taken?',
      'So jealous right now',
      'That colour is amazing',
      'Can you share the recipe?',
      'Looks fake to me',
      'Congrats, well deserved',
      'Nobody asked',
      'Best thing I have seen all week',
      'Ha, same here',
      'Check my page for free followers',
      'Is this for sale?',
      'Beautiful shot',
      'You again? Give it a rest',
      'Sending good vibes',
    ],
    threads: [
      ['Hey, are we still on for Saturday?', 'Yes! Ten at the station?', 'Perfect, see you there'],
      ['Did you get the notes from class?', 'I will send them tonight', 'Thanks, you are a lifesaver'],
      ['Your parcel arrived at mine by mistake', 'Oh no, I will pick it up later', 'No rush'],
      ['Congratulations on the new job!', 'Thank you, still a bit nervous', 'You will be great'],
      ['I sold the bike, sorry', 'No worries, thanks for telling me'],
    ],
    redFlagThreads: [
      [
        'hi, love your drawings, how old are you?',
        'thanks :) i am in year 8',
        'cool, add me on another app, this one is boring',
        'which one?',
        "i will send you a gift card if you send me a pic. don't tell your parents, it is our secret",
      ],
    ],
    bios: [
      'Coffee, trains and long walks',
      'Designer by day, drummer by night',
      'Plant parent',
      'Runner. Reader. Occasional baker.',
      'Photos from everywhere and nowhere',
      'DM for collabs',
      'Just here for the cat videos',
    ],
    firstNames: ['Alex', 'Jordan', 'Sam', 'Riley', 'Casey', 'Morgan', 'Jamie', 'Taylor'],
    lastNames: ['Baker', 'Hill', 'Carter', 'Reed', 'Fox', 'Lane', 'Moss', 'Price'],
  },
  es: {
    captions: [
      'Paseo de domingo junto al río, qué luz',
      'Por fin terminé el mural de la cocina',
      'Prueba de receta: pan de limón y tomillo',
      'Entrenando para los 10 km, semana tres',
      'Encontré un billete de tranvía antiguo en un libro',
      'El huerto sobrevivió a la tormenta',
      'Vuelven los vuelos baratos, ¿quién se apunta?',
      'Mi gato se ha quedado con la silla nueva',
      'Recuerdo del festival de verano',
      'Vaciando el garaje, todo a la venta',
      'Página del cuaderno de bocetos en el tren',
      'Café de la mañana y una gaviota muy ruidosa',
      '¡Oferta limitada! Pulsa el enlace de mi perfil y gana un móvil',
      'El ensayo de la banda acabó tarde otra vez',
      'Tarde tranquila con un puzle',
    ],
    comments: [
      '¡Me encanta!',
      '¿Dónde es esto?',
      'Qué envidia',
      'Ese color es precioso',
      '¿Compartes la receta?',
      'Esto parece falso',
      'Enhorabuena, te lo mereces',
      'Nadie te ha preguntado',
      'Lo mejor que he visto esta semana',
      'Jaja, igual yo',
      'Mira mi perfil para seguidores gratis',
      '¿Está a la venta?',
      'Qué foto tan bonita',
      '¿Otra vez tú? Déjalo ya',
      'Mucho ánimo',
    ],
    threads: [
      ['¿Seguimos con lo del sábado?', '¡Sí! ¿A las diez en la estación?', 'Perfecto, nos vemos'],
      ['¿Tienes los apuntes de clase?', 'Te los mando esta noche', 'Gracias, me salvas'],
      ['Tu paquete llegó a mi casa por error', 'Vaya, paso luego a por él', 'Sin prisa'],
      ['¡Felicidades por el trabajo nuevo!', 'Gracias, aún estoy nerviosa', 'Lo harás genial'],
      ['Vendí la bici, lo siento', 'Tranquilo, gracias por avisar'],
    ],
    redFlagThreads: [
      [
        'hola, me gustan tus dibujos, ¿cuántos años tienes?',
        'gracias :) estoy en segundo de la ESO',
        'genial, agrégame en otra app, esta es aburrida',
        '¿en cuál?',
        'te mando un regalo si me envías una foto. no se lo digas a tus padres, es nuestro secreto',
      ],
    ],
    bios: [
      'Café, trenes y paseos largos',
      'Diseñadora de día, batería de noche',
      'Madre de plantas',
      'Corredor. Lector. Panadero ocasional.',
      'Fotos de todas partes',
      'MD para colaboraciones',
      'Solo vengo por los vídeos de gatos',
    ],
    firstNames: ['Lucía', 'Mateo', 'Sofía', 'Hugo', 'Martina', 'Pablo', 'Valeria', 'Diego'],
    lastNames: ['García', 'Martín', 'López', 'Ruiz', 'Moreno', 'Navarro', 'Torres', 'Vidal'],
  },
  de: {
    captions: [
      'Sonntagsspaziergang am Fluss, was für ein Licht',
      'Endlich ist das Wandbild in der Küche fertig',
      'Rezepttest: Zitronen-Thymian-Brot',
      'Training für den 10-km-Lauf, Woche drei',
      'Alte Straßenbahnkarte in einem Buch gefunden',
      'Gartenupdate: die Tomaten haben den Sturm überlebt',
      'Günstige Flüge sind zurück, wer kommt mit?',
      'Meine Katze hat den neuen Stuhl erobert',
      'Erinnerung an das Sommerfest',
      'Garage ausmisten, alles muss raus',
      'Skizzenbuchseite aus dem Zug',
      'Morgenkaffee und eine sehr laute Möwe',
      'Nur heute! Klick auf den Link in meiner Bio und gewinne ein Handy',
      'Bandprobe ging wieder lange',
      'Ruhiger Abend mit einem Puzzle',
    ],
    comments: [
      'Wunderschön!',
      'Wo ist das?',
      'Bin so neidisch',
      'Diese Farbe ist toll',
      'Teilst du das Rezept?',
      'Sieht gefälscht aus',
      'Glückwunsch, verdient',
      'Hat keiner gefragt',
      'Das Beste, was ich diese Woche gesehen habe',
      'Haha, geht mir genauso',
      'Schau auf mein Profil für gratis Follower',
      'Ist das zu verkaufen?',
      'Tolles Foto',
      'Du schon wieder? Lass es',
      'Alles Gute',
    ],
    threads: [
      ['Bleibt es bei Samstag?', 'Ja! Um zehn am Bahnhof?', 'Perfekt, bis dann'],
      ['Hast du die Notizen aus dem Kurs?', 'Schicke ich dir heute Abend', 'Danke, du rettest mich'],
      ['Dein Paket ist aus Versehen bei mir gelandet', 'Oh nein, ich hole es später', 'Keine Eile'],
      ['Glückwunsch zum neuen Job!', 'Danke, bin noch etwas nervös', 'Das wird super'],
      ['Ich habe das Fahrrad verkauft, sorry', 'Kein Problem, danke für die Info'],
    ],
    redFlagThreads: [
      [
        'hi, deine Zeichnungen sind toll, wie alt bist du?',
        'danke :) ich bin in der 8. Klasse',
        'cool, schreib mir in einer anderen App, die hier ist langweilig',
        'in welcher?',
        'ich schenke dir einen Gutschein, wenn du mir ein Bild schickst. sag deinen Eltern nichts, das bleibt unser Geheimnis',
      ],
    ],
    bios: [
      'Kaffee, Züge und lange Spaziergänge',
      'Tagsüber Design, nachts Schlagzeug',
      'Pflanzenfan',
      'Läufer. Leser. Gelegenheitsbäcker.',
      'Fotos von überall',
      'DM für Kooperationen',
      'Nur wegen der Katzenvideos hier',
    ],
    firstNames: ['Lena', 'Jonas', 'Mia', 'Felix', 'Hannah', 'Paul', 'Lea', 'Emil'],
    lastNames: ['Müller', 'Schmidt', 'Weber', 'Wagner', 'Becker', 'Hoffmann', 'Koch', 'Richter'],
  },
};

export const REPORT_REASONS = ['nudity', 'harassment', 'hate_speech', 'spam', 'scam', 'violence', 'self_harm', 'impersonation', 'other'] as const;

export const PRIOR_ACTIONS = ['warning', 'content_removed', 'comments_restricted', 'messaging_restricted', 'temporary_suspension'] as const;
